// What Twilio posts to /webhooks/twilio/:channelId/inbound and …/status (form fields), and how an
// inbound one reads as a message. Parsed by the route (a malformed post is a 400) and again by the
// job from the stored payload (a payload stored by an older release may differ).
import { z } from "zod";
import { mediaTypeOf, type MessageMedia } from "./message-preview";

const sid = z
  .string({ message: "MessageSid is required" })
  .trim()
  .regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, { message: "MessageSid must be a Twilio message SID (SM…, MM…)" });

/** The most attachments Twilio sends with one message. */
export const MAX_TWILIO_MEDIA = 10;

export const twilioInboundSchema = z
  .object({
    MessageSid: sid,
    From: z.string({ message: "From is required" }).trim().min(1, { message: "From is required" }).max(60),
    To: z.string().max(60).optional(),
    Body: z.string().max(100_000).default(""),
    ProfileName: z.string().max(200).optional(),
    NumMedia: z.coerce.number({ message: "NumMedia must be a number" }).int().min(0).max(MAX_TWILIO_MEDIA).default(0),
    Latitude: z.coerce.number().min(-90).max(90).optional(),
    Longitude: z.coerce.number().min(-180).max(180).optional(),
    Address: z.string().max(500).optional(),
    Label: z.string().max(500).optional(),
  })
  .catchall(z.string());
export type TwilioInbound = z.infer<typeof twilioInboundSchema>;

export const twilioStatusSchema = z
  .object({
    MessageSid: sid,
    MessageStatus: z.string({ message: "MessageStatus is required" }).trim().toLowerCase().min(1, { message: "MessageStatus is required" }).max(40),
    ErrorCode: z.string().max(40).optional(),
    ErrorMessage: z.string().max(500).optional(),
  })
  .catchall(z.string());
export type TwilioStatus = z.infer<typeof twilioStatusSchema>;

/** "whatsapp:+919876543210" → "+919876543210"; an SMS From is the number already. */
export function twilioAddress(value: string): string {
  return value.replace(/^[a-z]+:/i, "").trim();
}

/** The attachments (MediaUrl0…, MediaContentType0…) and a shared location of an inbound post. */
export function twilioMedia(params: TwilioInbound): MessageMedia[] {
  const media: MessageMedia[] = [];
  for (let index = 0; index < params.NumMedia; index += 1) {
    const url = params[`MediaUrl${index}`];
    if (typeof url !== "string" || !url) continue;
    const contentType = params[`MediaContentType${index}`];
    const type = mediaTypeOf(typeof contentType === "string" ? contentType : undefined);
    media.push({ type, url, ...(typeof contentType === "string" && contentType ? { contentType } : {}) });
  }
  if (params.Latitude !== undefined && params.Longitude !== undefined) {
    const name = params.Label ?? params.Address;
    media.push({ type: "location", latitude: params.Latitude, longitude: params.Longitude, ...(name ? { name } : {}) });
  }
  return media;
}

/** Webhook inbox keys: one inbound event per message, one status event per message and status. */
export function twilioInboundDedupeKey(channelId: string, params: Pick<TwilioInbound, "MessageSid">): string {
  return `${channelId}:${params.MessageSid}`;
}

export function twilioStatusDedupeKey(channelId: string, params: Pick<TwilioStatus, "MessageSid" | "MessageStatus">): string {
  return `${channelId}:${params.MessageSid}:${params.MessageStatus}`;
}
