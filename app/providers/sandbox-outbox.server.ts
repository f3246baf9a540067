// What the sandbox providers "sent": one SandboxOutbox row per message, email or payment link,
// announced to the organization's open pages so the outbox and phone simulator update live.
import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OutboxChannel } from "~/generated/prisma/enums";
import { liveEventPayload, organizationChannel, publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export const SANDBOX_PROVIDER = "sandbox";

export type OutboxEntry = {
  organizationId: string | null;
  channel: OutboxChannel;
  toAddress: string;
  fromAddress?: string | null;
  subject?: string | null;
  body: string;
  payload: Prisma.InputJsonObject;
  externalId: string;
};

/** Writes the entry and announces it. An externalId seen before (a retried idempotent send) returns the
 * earlier row untouched, with `created: false`. */
export async function recordOutboxEntry(db: PrismaClient | Prisma.TransactionClient, entry: OutboxEntry) {
  let row;
  try {
    row = await db.sandboxOutbox.create({ data: { ...entry, provider: SANDBOX_PROVIDER } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { row: await db.sandboxOutbox.findUniqueOrThrow({ where: { externalId: entry.externalId } }), created: false };
  }
  if (row.organizationId) {
    await publishLiveEvent(db, row.organizationId, { type: "outbox.created", outboxId: row.id });
  }
  return { row, created: true };
}

/**
 * Writes several entries and announces each in one statement (one commit for all of them). An
 * externalId seen before is left as it was and not announced again. Rows are stamped in the order given
 * (never a later entry before an earlier one; the same millisecond may hold several).
 */
export async function recordOutboxEntries(db: PrismaClient, entries: OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry, n) => {
    const id = randomUUID();
    return {
      n,
      id,
      organizationId: entry.organizationId,
      channel: entry.channel,
      toAddress: entry.toAddress,
      fromAddress: entry.fromAddress ?? null,
      subject: entry.subject ?? null,
      body: entry.body,
      payload: entry.payload,
      externalId: entry.externalId,
      notifyChannel: entry.organizationId ? organizationChannel(entry.organizationId) : null,
      event: liveEventPayload({ type: "outbox.created", outboxId: id }),
    };
  });
  await db.$executeRaw`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        "id" uuid, "organizationId" uuid, "channel" text, "toAddress" text, "fromAddress" text, "subject" text, "body" text,
        "payload" jsonb, "externalId" text, "notifyChannel" text, "event" text, "n" int)
    ), inserted AS (
      INSERT INTO "SandboxOutbox" ("id", "organizationId", "channel", "provider", "toAddress", "fromAddress", "subject", "body", "payload", "externalId", "createdAt")
      SELECT r."id", r."organizationId", r."channel"::"OutboxChannel", ${SANDBOX_PROVIDER}, r."toAddress", r."fromAddress", r."subject", r."body",
             r."payload", r."externalId", clock_timestamp()
        FROM (SELECT * FROM r ORDER BY r."n" OFFSET 0) AS r
      ON CONFLICT ("externalId") DO NOTHING
      RETURNING "id"
    )
    SELECT count(pg_notify(r."notifyChannel", r."event")) FROM r JOIN inserted USING ("id") WHERE r."notifyChannel" IS NOT NULL`;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random id in the vendor's alphabet: `hex` for Twilio-like SIDs, `base62` for Razorpay-like ids. */
export function randomId(length: number, alphabet: "hex" | "base62" = "base62"): string {
  if (alphabet === "hex") return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += BASE62[byte % 62];
  return id;
}
