// The phone simulator: a customer's message enters through exactly the inbound pipeline a real one
// takes. For WhatsApp and SMS it builds the form fields Twilio would post, signs them with the
// channel's webhook token (the sandbox's, since the simulator writes on sandbox channels only) over
// the channel's public webhook URL, checks that signature the way the webhook route does, and hands
// them to acceptTwilioWebhook: the same WebhookEvent, the same messages_receive job. For email it
// builds a raw MIME message and goes through the email inbox's own verify-and-store step with the
// channel's inbound secret. The worker then does the rest, as for any webhook.
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { twilioInboundSchema } from "~/domain/conversation/twilio-webhook";
import type { SimulatorMessageInput } from "~/domain/simulator/simulator-message.schema";
import { channelCredentials, findChannel } from "~/models/channel.server";
import { findConversationOnChannel, findLastOutboundProviderId, findSimulatorContact } from "~/models/simulator.server";
import { signSandboxTwilioWebhook } from "~/providers/messaging/index.server";
import { storeInboundEmail, verifyInboundEmailChannel } from "~/services/conversation/accept-inbound-email.server";
import { acceptTwilioWebhook, twilioSignatureValid } from "~/services/conversation/accept-twilio-webhook.server";
import { fieldError } from "~/services/field-error.server";
import { simulatedEmail } from "~/services/simulator/simulated-email.server";
import { simulatedTwilioInbound } from "~/services/simulator/simulated-twilio-post.server";
import { normalizePhone } from "~/utils/phone.server";

export type SimulatedMessage = {
  channelId: string;
  /** The customer, as the page finds them again: a contact, or the phone or email a new one will have. */
  customer: { contactId: string } | { phone: string } | { email: string };
  providerMessageId: string;
  /** False when the inbox already held this message (nothing was added). */
  stored: boolean;
};

const channelNotFound = () => new TRPCError({ code: "NOT_FOUND", message: "Channel not found." });

async function simulatorChannel(db: PrismaClient, organizationId: string, channelId: string) {
  const channel = await findChannel(db, { organizationId, id: channelId });
  if (!channel) throw channelNotFound();
  if (channel.provider !== "SANDBOX") {
    throw fieldError("BAD_REQUEST", "channelId", `“${channel.name}” is a real ${channel.provider === "TWILIO" ? "Twilio" : "SMTP"} channel: the simulator writes on sandbox channels only.`);
  }
  if (!channel.enabled) throw fieldError("BAD_REQUEST", "channelId", `“${channel.name}” is switched off: switch it on in the channel settings first.`);
  return channel;
}

/** Who writes: the chosen contact's phone or email, or the typed one (checked with the full metadata). */
async function customerOf(db: PrismaClient, organizationId: string, kind: "WHATSAPP" | "SMS" | "EMAIL", input: SimulatorMessageInput) {
  if (input.contactId) {
    const contact = await findSimulatorContact(db, { organizationId, id: input.contactId });
    if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    const address = kind === "EMAIL" ? contact.email : contact.phone;
    if (!address) throw fieldError("BAD_REQUEST", "contactId", `${contact.name} has no ${kind === "EMAIL" ? "email address" : "phone number"} to write from.`);
    return { address, name: input.profileName ?? contact.name, contactId: contact.id, customer: { contactId: contact.id } as const };
  }
  if (kind === "EMAIL") {
    if (!input.email) throw fieldError("BAD_REQUEST", "email", "Choose a contact or enter the customer's email address");
    const email = input.email.toLowerCase();
    return { address: email, name: input.profileName, contactId: null, customer: { email } as const };
  }
  if (!input.phone) throw fieldError("BAD_REQUEST", "phone", "Choose a contact or enter the customer's phone number");
  const phone = normalizePhone(input.phone);
  if (!phone) throw fieldError("BAD_REQUEST", "phone", "Enter a phone number with its country code, such as +91 98765 43210");
  return { address: phone, name: input.profileName, contactId: null, customer: { phone } as const };
}

export async function simulateInboundMessage(
  db: PrismaClient,
  { organizationId }: { organizationId: string },
  input: SimulatorMessageInput,
  { baseUrl }: { baseUrl: string },
): Promise<SimulatedMessage> {
  const channel = await simulatorChannel(db, organizationId, input.channelId);
  const customer = await customerOf(db, organizationId, channel.kind, input);

  if (channel.kind === "EMAIL") {
    const secret = channelCredentials(channel).inboundSecret ?? null;
    const verified = await verifyInboundEmailChannel(db, { channelId: channel.id, secret });
    if (verified.kind !== "verified") throw fieldError("BAD_REQUEST", "channelId", `“${channel.name}” has no inbound secret: make one in the channel settings.`);
    const conversation = customer.contactId
      ? await findConversationOnChannel(db, { organizationId, contactId: customer.contactId, channelId: channel.id })
      : null;
    const inReplyTo = conversation ? await findLastOutboundProviderId(db, { organizationId, conversationId: conversation.id }) : null;
    const { raw, messageId } = await simulatedEmail({
      from: customer.address,
      fromName: customer.name,
      to: channel.address,
      subject: input.subject,
      body: input.body,
      sample: input.sample,
      inReplyTo,
    });
    const outcome = await storeInboundEmail(db, verified.channel, raw);
    if (outcome.kind === "invalid") throw new TRPCError({ code: "BAD_REQUEST", message: outcome.message });
    return { channelId: channel.id, customer: customer.customer, providerMessageId: messageId, stored: !outcome.duplicate };
  }

  const url = `${baseUrl}/webhooks/twilio/${channel.id}/inbound`;
  const fields = simulatedTwilioInbound({
    kind: channel.kind,
    from: customer.address,
    to: channel.address,
    body: input.body,
    profileName: customer.name,
    sample: input.sample,
    baseUrl,
  });
  // Signed and checked as the webhook route checks a post: the event is ours, but it takes the same door.
  const signature = signSandboxTwilioWebhook(url, fields);
  if (!twilioSignatureValid(channel, { url, params: fields, signature })) throw new Error("the simulator's signature did not verify");
  const params = twilioInboundSchema.parse(fields);
  const { stored } = await acceptTwilioWebhook(db, channel, { kind: "inbound", params }, fields);
  return { channelId: channel.id, customer: customer.customer, providerMessageId: params.MessageSid, stored };
}
