// Several delivery statuses at once (the sandbox's scheduled reports that fall due together): each
// still through applyStatusReport, all in one transaction, so a busy worker pays one commit for many
// reports instead of one each. The reports take their provider-id locks in one order (by channel and
// provider id), so two batches never wait on each other. Anything that fails the batch sends each
// report down its own transaction instead, so a batch never decides differently from one report.
import type { PrismaClient } from "~/generated/prisma/client";
import type { StatusReport } from "~/models/message-status.server";
import { applyStatusReport, type ProviderMessageRef, type StatusOutcome } from "~/services/conversation/apply-status-report.server";
import type { BatchResults } from "~/utils/micro-batch";

export type RefAndReport = { ref: ProviderMessageRef; report: StatusReport };

/** How long one batch's transaction may run before it is abandoned for one transaction per report. */
const BATCH_TRANSACTION_TIMEOUT_MS = 30_000;

function lockOrder(a: RefAndReport, b: RefAndReport): number {
  const left = `${a.ref.channelId}:${a.ref.providerMessageId}`;
  const right = `${b.ref.channelId}:${b.ref.providerMessageId}`;
  if (left !== right) return left < right ? -1 : 1;
  return a.report.occurredAt.getTime() - b.report.occurredAt.getTime();
}

export async function applyStatusReports<K extends RefAndReport>(db: PrismaClient, items: K[]): Promise<BatchResults<K, StatusOutcome>> {
  const results: BatchResults<K, StatusOutcome> = new Map();
  try {
    await db.$transaction(
      async (tx) => {
        results.clear();
        for (const item of [...items].sort(lockOrder)) results.set(item, { ok: true, value: await applyStatusReport(tx, item.ref, item.report) });
      },
      { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
    );
    return results;
  } catch {
    results.clear();
    for (const item of items) {
      try {
        results.set(item, { ok: true, value: await db.$transaction((tx) => applyStatusReport(tx, item.ref, item.report)) });
      } catch (error) {
        results.set(item, { ok: false, error });
      }
    }
    return results;
  }
}
