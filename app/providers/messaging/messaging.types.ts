// WhatsApp and SMS sending, the same for Twilio and the sandbox. Safe for the browser.
import { z } from "zod";

export const MESSAGE_CHANNELS = ["WHATSAPP", "SMS"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Delivery states Twilio reports, in the order a message moves through them (failures last). */
export const MESSAGE_STATUSES = ["accepted", "queued", "sending", "sent", "delivered", "read", "undelivered", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, { message: "must be an E.164 number such as +919876543210" });

const addressing = z.object({
  organizationId: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  /** The sender: an E.164 number, or a Twilio Messaging Service SID (MG…). */
  from: z.union([e164, z.string().regex(/^MG[0-9a-fA-F]{32}$/)]),
  to: e164,
  /** Where delivery-status callbacks go (our /webhooks/twilio/:channelId/status). */
  statusCallbackUrl: z.url().optional(),
});

export const sendTextInputSchema = addressing.extend({
  body: z.string().trim().min(1).max(4096),
});
export type SendTextInput = z.input<typeof sendTextInputSchema>;

export const sendTemplateInputSchema = addressing.extend({
  /** Twilio Content API template (HX…). */
  contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, { message: "must be a Twilio content SID (HX…)" }),
  templateName: z.string().max(120).optional(),
  /** Values for the template's placeholders, keyed "1", "2", … or by name. */
  variables: z.record(z.string(), z.string()),
  /** The text as the customer will read it; Twilio renders its own, the sandbox records this. */
  renderedBody: z.string().min(1).max(4096),
});
export type SendTemplateInput = z.input<typeof sendTemplateInputSchema>;

export type SendMessageResult = {
  provider: "twilio" | "sandbox";
  /** Twilio's message SID (SM…); webhooks refer to the message by it. */
  externalId: string;
  status: MessageStatus;
};

export type WebhookSignatureInput = {
  /** The full URL Twilio posted to, as configured in Twilio (scheme, host, path, query). */
  url: string;
  /** The POSTed form fields. */
  params: Record<string, string>;
  /** The X-Twilio-Signature header. */
  signature: string | null | undefined;
};

export interface MessagingProvider {
  readonly name: "twilio" | "sandbox";
  sendText(input: SendTextInput): Promise<SendMessageResult>;
  sendTemplate(input: SendTemplateInput): Promise<SendMessageResult>;
  verifyWebhookSignature(input: WebhookSignatureInput): boolean;
}

/** Maps a vendor status onto ours; anything unknown counts as still queued. */
export function toMessageStatus(status: string | undefined): MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(status ?? "") ? (status as MessageStatus) : "queued";
}
