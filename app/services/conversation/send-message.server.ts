// Sending a message: by a member from the chat, by a workflow step or by the system, all through
// this one command. It refuses what may not go (an opted-out contact, WhatsApp free text outside the
// 24-hour window, a template variable without a value, a channel turned off, an empty body) with
// nothing written; otherwise it writes the message (QUEUED) first, then the conversation's list
// entry, the timeline and the send job, in the caller's transaction. The job calls the provider.
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/generated/prisma/client";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { renderTemplate } from "~/domain/conversation/message-template";
import { sendMessageInputSchema, type MessageContent, type SendMessageInput } from "~/domain/conversation/send-message.schema";
import { isWhatsappWindowOpen, whatsappWindowClosesAt } from "~/domain/conversation/whatsapp-window";
import { findChannel } from "~/models/channel.server";
import { findConsent, findContact, touchContact } from "~/models/contact.server";
import { ensureConversation, findConversation, recordOutboundOnConversation } from "~/models/conversation.server";
import { insertMessage } from "~/models/message.server";
import { findMessageTemplate } from "~/models/message-template.server";
import { organizationTimeZone } from "~/models/organization.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { formatDateTime, now, timeZoneName } from "~/utils/clock";

type Channel = NonNullable<Awaited<ReturnType<typeof findChannel>>>;
type Contact = NonNullable<Awaited<ReturnType<typeof findContact>>>;
type Template = NonNullable<Awaited<ReturnType<typeof findMessageTemplate>>>;

const refuse = (code: "BAD_REQUEST" | "PRECONDITION_FAILED" | "NOT_FOUND", message: string) => new TRPCError({ code, message });

/** The queue a conversation's sends share, so they go out one at a time, in order. */
export function conversationSendQueue(conversationId: string): string {
  return `conversation:${conversationId}`;
}

function parseInput(input: SendMessageInput) {
  const parsed = sendMessageInputSchema.safeParse(input);
  if (!parsed.success) throw refuse("BAD_REQUEST", parsed.error.issues[0]?.message ?? "The message is not valid.");
  return parsed.data;
}

async function findWhere(tx: CommandTx, organizationId: string, where: { conversationId: string } | { contactId: string; channelId: string }) {
  if ("conversationId" in where) {
    const conversation = await findConversation(tx, { organizationId, id: where.conversationId });
    if (!conversation) throw refuse("NOT_FOUND", "Conversation not found.");
    const [contact, channel] = await Promise.all([
      findContact(tx, { organizationId, id: conversation.contactId }),
      findChannel(tx, { organizationId, id: conversation.channelId }),
    ]);
    return { conversation, contact: contact!, channel: channel! };
  }
  const [contact, channel] = await Promise.all([
    findContact(tx, { organizationId, id: where.contactId }),
    findChannel(tx, { organizationId, id: where.channelId }),
  ]);
  if (!contact) throw refuse("NOT_FOUND", "Contact not found.");
  if (!channel) throw refuse("NOT_FOUND", "Channel not found.");
  const conversation = await tx.conversation.findFirst({ where: { organizationId, contactId: contact.id, channelId: channel.id } });
  return { conversation, contact, channel };
}

const channelLabel = (channel: Channel) => CONSENT_CHANNEL_LABELS[channel.kind];

async function atTime(tx: CommandTx, organizationId: string, instant: Date) {
  const timeZone = await organizationTimeZone(tx, { organizationId });
  return `${formatDateTime(instant, timeZone)} ${timeZoneName(instant, timeZone)}`;
}

function assertReachable(channel: Channel, contact: Contact) {
  if (!channel.enabled) {
    throw refuse("PRECONDITION_FAILED", `The channel “${channel.name}” is turned off, so nothing can be sent on it. Turn it on in the channel settings first.`);
  }
  const address = channel.kind === "EMAIL" ? contact.email : contact.phone;
  if (!address) {
    throw refuse("PRECONDITION_FAILED", `${contact.name} has no ${channel.kind === "EMAIL" ? "email address" : "phone number"} to send ${channelLabel(channel)} to.`);
  }
}

async function assertNotOptedOut(tx: CommandTx, organizationId: string, channel: Channel, contact: Contact) {
  const consent = await findConsent(tx, { organizationId, contactId: contact.id, channel: channel.kind });
  if (consent?.status !== "OPTED_OUT") return;
  const when = await atTime(tx, organizationId, consent.changedAt);
  throw refuse(
    "PRECONDITION_FAILED",
    `${contact.name} opted out of ${channelLabel(channel)} messages on ${when} (${consent.source}), so nothing was sent.`,
  );
}

async function assertWhatsappWindowOpen(tx: CommandTx, organizationId: string, lastInboundAt: Date | null) {
  if (isWhatsappWindowOpen(lastInboundAt, now())) return;
  const closedAt = whatsappWindowClosesAt(lastInboundAt);
  const why = closedAt
    ? `WhatsApp's 24-hour window closed at ${await atTime(tx, organizationId, closedAt)}, 24 hours after the customer's last message`
    : "The customer has not written on WhatsApp yet, so WhatsApp's 24-hour window is not open";
  throw refuse("PRECONDITION_FAILED", `${why}. Free text can't be sent; send an approved template instead.`);
}

async function findUsableTemplate(tx: CommandTx, organizationId: string, channel: Channel, content: Extract<MessageContent, { kind: "TEMPLATE" }>) {
  const template = await findMessageTemplate(tx, { organizationId, channelKind: channel.kind, id: content.templateId, name: content.templateName });
  if (!template) throw refuse("NOT_FOUND", "Template not found.");
  if (template.channelKind !== channel.kind) {
    throw refuse("BAD_REQUEST", `The template “${template.name}” is for ${CONSENT_CHANNEL_LABELS[template.channelKind]}, not ${channelLabel(channel)}.`);
  }
  if (template.approvalStatus !== "APPROVED") {
    throw refuse("PRECONDITION_FAILED", `The template “${template.name}” is not approved yet (${template.approvalStatus.toLowerCase()}), so it can't be sent.`);
  }
  if (channel.provider === "TWILIO" && channel.kind === "WHATSAPP" && !template.contentSid) {
    throw refuse("PRECONDITION_FAILED", `The template “${template.name}” has no Twilio content SID (HX…), so WhatsApp can't send it.`);
  }
  return template;
}

function renderOrRefuse(template: Template, variables: Record<string, string>) {
  const rendered = renderTemplate(template.body, variables);
  if (!rendered.ok) {
    const names = rendered.missing.map((name) => `{{${name}}}`).join(", ");
    throw refuse("BAD_REQUEST", `The template “${template.name}” needs a value for ${names}.`);
  }
  return rendered.text;
}

export type SentMessage = { messageId: string; conversationId: string; status: "QUEUED" | "SENT" };

/**
 * `optOutConfirmation`: the text is the confirmation owed to a customer who has just opted out
 * (sendConsentConfirmation only): the opt-out refusal lets it through and the message is flagged
 * OPT_OUT_CONFIRMATION, which the send job checks the same way. Never from a form or procedure.
 */
export type SendMessageOptions = { optOutConfirmation?: boolean };

export async function sendMessage(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  input: SendMessageInput,
  options: SendMessageOptions = {},
): Promise<SentMessage> {
  const { content, ...where } = parseInput(input);
  const found = await findWhere(tx, organizationId, where);
  const { contact, channel } = found;

  let body: string;
  let template: Template | null = null;
  let templateVariables: Prisma.InputJsonObject | undefined;
  if (content.kind === "NOTE") {
    body = content.body;
  } else {
    assertReachable(channel, contact);
    const confirmsOptOut = options.optOutConfirmation === true && content.kind === "TEXT";
    if (!confirmsOptOut) await assertNotOptedOut(tx, organizationId, channel, contact);
    if (content.kind === "TEXT") {
      if (channel.kind === "WHATSAPP") await assertWhatsappWindowOpen(tx, organizationId, found.conversation?.lastInboundAt ?? null);
      body = content.body;
    } else {
      template = await findUsableTemplate(tx, organizationId, channel, content);
      body = renderOrRefuse(template, content.variables);
      templateVariables = content.variables;
    }
  }

  // Everything is decided: the rows, the row before the effect.
  const conversation = found.conversation ?? (await ensureConversation(tx, { organizationId, contactId: contact.id, channelId: channel.id }));
  const at = now();
  const note = content.kind === "NOTE";
  const message = await insertMessage(tx, {
    organizationId,
    conversationId: conversation.id,
    contactId: contact.id,
    channelId: channel.id,
    direction: "OUTBOUND",
    kind: content.kind,
    // A note is never sent: it is stored as done, with no job and no provider.
    status: note ? "SENT" : "QUEUED",
    body,
    authorId: actor.userId,
    actorLabel: actor.label ?? null,
    templateId: template?.id ?? null,
    templateVariables,
    ...(options.optOutConfirmation && content.kind === "TEXT" ? { flags: ["OPT_OUT_CONFIRMATION"] } : {}),
    createdAt: at,
  });
  if (!note) await recordOutboundOnConversation(tx, { organizationId, id: conversation.id, at, preview: body });
  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: contact.id,
      type: "MESSAGE_SENT",
      data: {
        messageId: message.id,
        conversationId: conversation.id,
        channel: channel.kind,
        kind: content.kind,
        preview: body.slice(0, 200),
        ...(template ? { templateName: template.name } : {}),
      },
    },
  ]);
  if (!note) {
    await touchContact(tx, { organizationId, id: contact.id });
    await enqueueJob(
      tx,
      "messages_send",
      { organizationId, messageId: message.id },
      { jobKey: jobKey("messages_send", message.id), queueName: conversationSendQueue(conversation.id) },
    );
  }
  await publishLiveEvent(tx, organizationId, { type: "message.changed", messageId: message.id, conversationId: conversation.id, contactId: contact.id });
  await publishLiveEvent(tx, organizationId, { type: "conversation.changed", conversationId: conversation.id, contactId: contact.id });
  return { messageId: message.id, conversationId: conversation.id, status: note ? "SENT" : "QUEUED" };
}
