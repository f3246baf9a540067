// Builders for channels, conversations and messages, shared by the seed, tests and benchmarks.
// They write rows straight to the database (no timeline, no live event, no job).
import { randomBytes } from "node:crypto";
import type { ChannelKind, ChannelProvider, MessageDirection, MessageKind, MessageStatus, PrismaClient } from "../app/generated/prisma/client";
import { indianMobile } from "./factories";

const unique = () => randomBytes(4).toString("hex");

/** A channel; a WhatsApp or SMS one gets a random Indian sender number unless given one. */
export function createChannel(
  db: PrismaClient,
  input: { organizationId: string; kind?: ChannelKind; provider?: ChannelProvider; address?: string; name?: string; secrets?: string | null },
) {
  const kind = input.kind ?? "WHATSAPP";
  return db.channel.create({
    data: {
      organizationId: input.organizationId,
      kind,
      provider: input.provider ?? (kind === "EMAIL" ? "SMTP" : "SANDBOX"),
      name: input.name ?? `${kind} ${unique()}`,
      address: input.address ?? (kind === "EMAIL" ? `inbox-${unique()}@example.com` : indianMobile(Math.floor(Math.random() * 1e9))),
      secrets: input.secrets ?? null,
    },
  });
}

export function createConversation(
  db: PrismaClient,
  input: { organizationId: string; contactId: string; channelId: string; assigneeId?: string | null; lastMessageAt?: Date },
) {
  return db.conversation.create({
    data: {
      organizationId: input.organizationId,
      contactId: input.contactId,
      channelId: input.channelId,
      assigneeId: input.assigneeId ?? null,
      lastMessageAt: input.lastMessageAt ?? new Date(),
    },
  });
}

/** A message in `conversation`; outbound and QUEUED unless told otherwise. */
export function createMessage(
  db: PrismaClient,
  conversation: { id: string; organizationId: string; contactId: string; channelId: string },
  input: { direction?: MessageDirection; kind?: MessageKind; status?: MessageStatus; body?: string; providerMessageId?: string | null; createdAt?: Date } = {},
) {
  const direction = input.direction ?? "OUTBOUND";
  return db.message.create({
    data: {
      organizationId: conversation.organizationId,
      conversationId: conversation.id,
      contactId: conversation.contactId,
      channelId: conversation.channelId,
      direction,
      kind: input.kind ?? "TEXT",
      status: input.status ?? (direction === "INBOUND" ? "RECEIVED" : "QUEUED"),
      body: input.body ?? `Message ${unique()}`,
      providerMessageId: input.providerMessageId ?? null,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
  });
}

/** An approved template unless told otherwise; WhatsApp ones get a Twilio-like content SID. */
export function createMessageTemplate(
  db: PrismaClient,
  input: {
    organizationId: string;
    name?: string;
    channelKind?: ChannelKind;
    body?: string;
    approvalStatus?: "DRAFT" | "PENDING" | "APPROVED" | "REJECTED";
    contentSid?: string | null;
  },
) {
  const channelKind = input.channelKind ?? "WHATSAPP";
  return db.messageTemplate.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? `template_${unique()}`,
      channelKind,
      body: input.body ?? "Hi {{firstName}}, your {{productName}} demo is ready.",
      approvalStatus: input.approvalStatus ?? "APPROVED",
      contentSid: input.contentSid === undefined ? (channelKind === "EMAIL" ? null : `HX${randomBytes(16).toString("hex")}`) : input.contentSid,
    },
  });
}
