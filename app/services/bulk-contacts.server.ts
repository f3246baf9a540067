// Bulk actions on contacts: change stage or temperature, add or remove a tag,
// assign an owner, delete.
//
// Small selections (at most BULK_SYNC_LIMIT contacts) are applied at once, in
// one transaction. Larger ones become a BulkOperation row plus a
// `contacts_bulk_apply` job, added in the same transaction; the job works in
// batches of BULK_BATCH_SIZE, one transaction per batch that changes the
// contacts, writes their timeline and advances the row's counters together, so
// a crash resumes where the last batch committed. Every batch's SQL only
// touches contacts not yet in the target state, so even a batch that runs twice
// changes nothing the second time.
//
// Selections:
// - by ids: a snapshot. The ids (checked to belong to the organization when
//   the action is requested) are stored on the row, and the job walks them in
//   order; `processed` is the position reached.
// - by filter: the filter is stored and RE-EVALUATED by the job. When it
//   starts, the job counts the matching contacts and cuts the id space into
//   ranges of about BULK_BATCH_SIZE of them; each batch then re-applies the
//   filter within its range. The contacts affected are those matching when
//   their batch runs (a contact that starts matching meanwhile is included,
//   one that stops matching is left alone) — like a saved search, and it keeps
//   a million-row selection out of the database row. `total` is the count when
//   the job starts. Ranges are disjoint, so BULK_PARALLEL_BATCHES of them run
//   side by side on their own connections (the work is CPU-bound in
//   PostgreSQL: foreign-key checks and index inserts); a retry recomputes the
//   ranges, and the "not yet in the target state" condition skips what
//   committed before.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { BulkOperation, Prisma, PrismaClient } from "~/generated/prisma/client";
import { countContacts } from "~/models/contact-list.server";
import { applyBulkBatch, idsScope, planIdRanges, rangeScope } from "~/services/bulk-contacts-sql.server";
import { JobStoppedError, throwIfStopped } from "~/services/job-stopped";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { contactWhereSql } from "~/models/contact-query.server";
import { organizationTimeZone } from "~/models/organization.server";
import { DEFAULT_TIME_ZONE } from "~/utils/clock";
import { contactFilterSchema, type ContactFilter } from "~/domain/contact/contact-filter.schema";
import { contactsLabel } from "~/domain/contact/contact-labels";
import {
  describeBulkCommand,
  describeBulkResult,
  resolvedBulkCommandSchema,
  type ResolvedBulkCommand,
} from "~/domain/bulk/bulk-command";

export const BULK_SYNC_LIMIT = 1_000;
export const BULK_BATCH_SIZE = 10_000;
/** Filter batches running at once, each in its own transaction on its own connection. */
export const BULK_PARALLEL_BATCHES = 2;
const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };
const NOBODY = "00000000-0000-0000-0000-000000000000";

type Db = PrismaClient;
type Tx = Prisma.TransactionClient;

export type BulkSelectionInput = { ids: string[] } | { filter: ContactFilter };

const storedSelectionSchema = z.union([
  z.object({ kind: z.literal("ids"), ids: z.array(z.uuid()) }),
  z.object({ kind: z.literal("filter"), filter: contactFilterSchema }),
]);
type StoredSelection = z.output<typeof storedSelectionSchema>;

export type BulkStartResult = {
  operationId: string;
  mode: "sync" | "job";
  status: BulkOperation["status"];
  total: number;
  changed: number;
  message: string;
};

function storedSelection(selection: BulkSelectionInput): StoredSelection {
  return "ids" in selection ? { kind: "ids", ids: selection.ids } : { kind: "filter", filter: selection.filter };
}

/**
 * The WHERE clause for a filter selection. "owner: me" has been replaced by
 * the requester's id before it was stored, so the job needs no session.
 */
function filterScope(organizationId: string, timeZone: string, filter: ContactFilter): Prisma.Sql {
  return contactWhereSql({ organizationId, userId: NOBODY, timeZone }, filter);
}

function progressEvent(operation: Pick<BulkOperation, "id">) {
  return { type: "bulk.progress" as const, operationId: operation.id };
}

/**
 * Starts a bulk action the caller has already authorized and resolved (tag and
 * owner checked, ids narrowed to the organization, "me" replaced): applies it
 * now when small, else queues the job.
 */
export async function startBulkAction(
  db: Db,
  input: { organizationId: string; userId: string; command: ResolvedBulkCommand; selection: BulkSelectionInput },
): Promise<BulkStartResult> {
  const { organizationId, userId, command, selection } = input;
  // A filter's days ("active from") are the organization's days.
  const timeZone = "ids" in selection ? DEFAULT_TIME_ZONE : await organizationTimeZone(db, { organizationId });
  const size =
    "ids" in selection
      ? selection.ids.length
      : await countContacts(db, { organizationId, userId, timeZone }, selection.filter);
  if (command.action === "delete") assertDeletionAsConfirmed(command, size);
  const row = {
    organizationId,
    createdById: userId,
    action: command.action,
    params: command.params as Prisma.InputJsonObject,
    selection: storedSelection(selection) as unknown as Prisma.InputJsonObject,
  };

  if (size > BULK_SYNC_LIMIT) {
    const operation = await db.$transaction(async (tx) => {
      const created = await tx.bulkOperation.create({ data: { ...row, status: "PENDING", total: size } });
      await enqueueJob(tx, "contacts_bulk_apply", { operationId: created.id }, { jobKey: jobKey("contacts_bulk_apply", created.id) });
      return created;
    });
    return {
      operationId: operation.id,
      mode: "job",
      status: operation.status,
      total: size,
      changed: 0,
      message: `${describeBulkCommand(command)}: started for ${contactsLabel(size)}. It runs in the background.`,
    };
  }

  const scope = "ids" in selection ? idsScope(organizationId, selection.ids) : filterScope(organizationId, timeZone, selection.filter);
  return db.$transaction((tx) => applyBulkActionNow(tx, { organizationId, userId, command, selection, scope }), {
    timeout: 30_000,
    maxWait: 10_000,
  });
}

/**
 * Applies a small action at once, inside the caller's transaction: a BulkOperation
 * row records who did what to how many, one batch statement does the work.
 */
export async function applyBulkActionNow(
  tx: Tx,
  input: {
    organizationId: string;
    userId: string | null;
    command: ResolvedBulkCommand;
    selection: BulkSelectionInput;
    scope: Prisma.Sql;
  },
): Promise<BulkStartResult> {
  const { organizationId, userId, command } = input;
  const created = await tx.bulkOperation.create({
    data: {
      organizationId,
      createdById: userId,
      action: command.action,
      params: command.params as Prisma.InputJsonObject,
      selection: storedSelection(input.selection) as unknown as Prisma.InputJsonObject,
      status: "RUNNING",
      startedAt: new Date(),
    },
  });
  const result = await applyBulkBatch(tx, {
    organizationId,
    actorId: userId,
    operationId: created.id,
    command,
    scope: input.scope,
    countMatched: true,
  });
  const total = result.matched ?? result.selected;
  const operation = await tx.bulkOperation.update({
    where: { id: created.id },
    data: { status: "COMPLETED", total, processed: total, changed: result.changed, finishedAt: new Date() },
  });
  await publishLiveEvent(tx, organizationId, progressEvent(operation));
  await publishLiveEvent(tx, organizationId, { type: "contacts.bulkChanged", operationId: operation.id });
  return {
    operationId: operation.id,
    mode: "sync" as const,
    status: operation.status,
    total,
    changed: result.changed,
    message: describeBulkResult(command, { total, changed: result.changed }),
  };
}

/**
 * Works through `items` with at most `lanes` at a time. After a failure no new
 * item starts; the ones under way finish (each is its own transaction), then
 * the first error is thrown.
 */
async function runInLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next]!;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (rejected) throw rejected.reason;
}

async function finish(db: Db | Tx, operation: BulkOperation, data: Prisma.BulkOperationUpdateInput) {
  const updated = await db.bulkOperation.update({ where: { id: operation.id }, data });
  await publishLiveEvent(db, operation.organizationId, progressEvent(updated));
  await publishLiveEvent(db, operation.organizationId, { type: "contacts.bulkChanged", operationId: operation.id });
  return updated;
}

/** What to say when a confirmed deletion would now reach a different number of contacts; null when it matches. */
function deletionMismatch(command: ResolvedBulkCommand, size: number): string | null {
  if (command.action !== "delete" || command.params.expectedCount === undefined || command.params.expectedCount === size) return null;
  return `${contactsLabel(size)} match now, not the ${command.params.expectedCount.toLocaleString("en-IN")} you confirmed, so nothing was deleted. Check the list and confirm again.`;
}

function assertDeletionAsConfirmed(command: ResolvedBulkCommand, size: number) {
  const mismatch = deletionMismatch(command, size);
  if (mismatch) throw new TRPCError({ code: "CONFLICT", message: mismatch });
}

/** Why the action can no longer run (its tag or owner went away meanwhile), or null. */
async function obstacle(db: Db, organizationId: string, command: ResolvedBulkCommand): Promise<string | null> {
  if (command.action === "addTag" || command.action === "removeTag") {
    const tag = await db.tag.findFirst({ where: { id: command.params.tagId, organizationId }, select: { id: true } });
    if (!tag) return `The tag ${command.params.tagName} was deleted before the action could run.`;
  }
  if (command.action === "assignOwner" && command.params.ownerId) {
    const member = await db.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId: command.params.ownerId } },
      select: { id: true },
    });
    if (!member) return `${command.params.ownerName ?? "The chosen owner"} is no longer a member of this organization.`;
  }
  return null;
}

export type RunBulkOptions = {
  batchSize?: number;
  /** Filter batches at once (ids are always walked one batch after another). */
  parallelBatches?: number;
  /** The job's last attempt: a failure now marks the operation FAILED instead of leaving it to a retry. */
  isFinalAttempt?: boolean;
  /** For tests: called after each committed batch (throw to simulate a crash). */
  afterBatch?: (operation: BulkOperation) => void | Promise<void>;
  /** The job's abort signal: once it fires, no new batch starts and the run throws JobStoppedError. */
  signal?: AbortSignal;
};

/**
 * The job's work: re-reads the operation, returns at once if it is finished,
 * otherwise carries on from the last committed batch until nothing is left.
 */
export async function runBulkOperation(db: Db, operationId: string, options: RunBulkOptions = {}): Promise<BulkOperation | null> {
  const batchSize = options.batchSize ?? BULK_BATCH_SIZE;
  let operation = await db.bulkOperation.findUnique({ where: { id: operationId } });
  if (!operation || operation.status === "COMPLETED" || operation.status === "FAILED") return operation;

  const command = resolvedBulkCommandSchema.safeParse({ action: operation.action, params: operation.params });
  const selection = storedSelectionSchema.safeParse(operation.selection);
  if (!command.success || !selection.success) {
    return finish(db, operation, {
      status: "FAILED",
      error: "This bulk action was saved in a form this version cannot read.",
      finishedAt: new Date(),
    });
  }
  const problem = await obstacle(db, operation.organizationId, command.data);
  if (problem) return finish(db, operation, { status: "FAILED", error: problem, finishedAt: new Date() });

  const { organizationId } = operation;
  const stored = selection.data;
  const timeZone = stored.kind === "filter" ? await organizationTimeZone(db, { organizationId }) : DEFAULT_TIME_ZONE;
  try {
    // A filter is evaluated now: its ranges, and the total (what matches when the work starts).
    const plan = stored.kind === "filter" ? await planIdRanges(db, filterScope(organizationId, timeZone, stored.filter), batchSize) : null;
    if (operation.status === "PENDING") {
      const total = stored.kind === "ids" ? stored.ids.length : (plan?.total ?? 0);
      // Contacts may have started (or stopped) matching since the person confirmed the deletion.
      const mismatch = plan ? deletionMismatch(command.data, plan.total) : null;
      if (mismatch) return await finish(db, operation, { status: "FAILED", total, error: mismatch, finishedAt: new Date() });
      operation = await db.bulkOperation.update({
        where: { id: operation.id },
        data: { status: "RUNNING", startedAt: new Date(), total, error: null },
      });
      await publishLiveEvent(db, organizationId, progressEvent(operation));
    }

    /** One batch in its own transaction: the change, its timeline, and the counters, committed together. */
    const runBatch = async (scope: Prisma.Sql, idCount: number) => {
      throwIfStopped(options.signal);
      const current = operation!;
      const step = await db.$transaction(async (tx) => {
        const result = await applyBulkBatch(tx, {
          organizationId,
          actorId: current.createdById,
          operationId: current.id,
          command: command.data,
          scope,
        });
        const updated = await tx.bulkOperation.update({
          where: { id: current.id },
          data: {
            processed: { increment: stored.kind === "ids" ? idCount : result.selected },
            changed: { increment: result.changed },
          },
        });
        await publishLiveEvent(tx, organizationId, progressEvent(updated));
        return { result, operation: updated };
      }, BATCH_TRANSACTION);
      await options.afterBatch?.(step.operation);
      return step.result;
    };

    if (stored.kind === "ids") {
      // Walk the snapshot in order; `processed` is how far the committed batches got.
      for (let offset = operation.processed; offset < stored.ids.length; offset += batchSize) {
        const ids = stored.ids.slice(offset, offset + batchSize);
        await runBatch(idsScope(organizationId, ids), ids.length);
      }
    } else if (plan) {
      // Each range re-evaluates the filter and picks the contacts still matching and not yet changed.
      const scope = filterScope(organizationId, timeZone, stored.filter);
      await runInLanes(plan.ranges, options.parallelBatches ?? BULK_PARALLEL_BATCHES, (range) =>
        runBatch(rangeScope(scope, range), 0),
      );
    }
    operation = await db.bulkOperation.findUniqueOrThrow({ where: { id: operation.id } });

    // A filter may have gained matches while the job ran: the total covers everything processed.
    const total = Math.max(operation.total, operation.processed);
    return await finish(db, operation, {
      status: "COMPLETED",
      total,
      processed: total,
      error: null,
      finishedAt: new Date(),
    });
  } catch (error) {
    // Stopped for a shutdown: nothing went wrong, and the next attempt carries on.
    if (error instanceof JobStoppedError) throw error;
    // People see a plain sentence; the details (SQL, stack) go to the worker's log.
    console.error(`[bulk] operation ${operation.id} failed:`, error);
    const message = options.isFinalAttempt
      ? "The action stopped after repeated errors. Contacts already changed stay changed."
      : "A batch failed; it will be retried shortly.";
    await db.bulkOperation
      .update({
        where: { id: operation.id },
        data: options.isFinalAttempt ? { status: "FAILED", error: message, finishedAt: new Date() } : { error: message },
      })
      .then(async (updated) => {
        if (options.isFinalAttempt) await publishLiveEvent(db, organizationId, progressEvent(updated));
      })
      .catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Reading operations (the progress page)

export async function findBulkOperation(db: Db, { organizationId, id }: { organizationId: string; id: string }) {
  const operation = await db.bulkOperation.findFirst({
    where: { id, organizationId },
    include: { createdBy: { select: { name: true } } },
  });
  if (!operation) return null;
  const command = resolvedBulkCommandSchema.safeParse({ action: operation.action, params: operation.params });
  const selection = storedSelectionSchema.safeParse(operation.selection);
  return {
    id: operation.id,
    status: operation.status,
    command: command.success ? command.data : null,
    selection: selection.success
      ? selection.data.kind === "ids"
        ? { kind: "ids" as const, count: selection.data.ids.length }
        : { kind: "filter" as const, filter: selection.data.filter }
      : null,
    total: operation.total,
    processed: operation.processed,
    changed: operation.changed,
    error: operation.error,
    createdAt: operation.createdAt,
    startedAt: operation.startedAt,
    finishedAt: operation.finishedAt,
    createdByName: operation.createdBy?.name ?? null,
  };
}
