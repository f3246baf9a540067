// What the sandbox providers "sent": one SandboxOutbox row per message, email or payment link,
// announced to the organization's open pages so the outbox and phone simulator update live.
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OutboxChannel } from "~/generated/prisma/enums";
import { publishLiveEvent } from "~/services/live-events.server";
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
export async function recordOutboxEntry(db: PrismaClient, entry: OutboxEntry) {
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

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random id in the vendor's alphabet: `hex` for Twilio-like SIDs, `base62` for Razorpay-like ids. */
export function randomId(length: number, alphabet: "hex" | "base62" = "base62"): string {
  if (alphabet === "hex") return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += BASE62[byte % 62];
  return id;
}
