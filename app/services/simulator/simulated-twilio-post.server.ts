// The form fields Twilio posts to /webhooks/twilio/:channelId/inbound for a customer's message,
// built for the phone simulator: a fresh MessageSid (SM + 32 hex), From as Twilio writes it
// ("whatsapp:+91…" on WhatsApp), Body, ProfileName, and media or a location the way Twilio sends them.
import { randomBytes } from "node:crypto";
import type { SimulatorSample } from "~/domain/simulator/simulator-message.schema";

export const SAMPLE_IMAGE_PATH = "/simulator/sample-photo.png";
export const SAMPLE_DOCUMENT_PATH = "/simulator/sample-document.pdf";
export const SAMPLE_LOCATION = { latitude: 18.9291, longitude: 72.8333, address: "Dalal Street, Fort, Mumbai 400001", label: "BSE, Dalal Street" };

/** A new Twilio-shaped message SID: SM and 32 hex digits. */
export function newTwilioMessageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

export function simulatedTwilioInbound(input: {
  kind: "WHATSAPP" | "SMS";
  from: string;
  to: string;
  body: string;
  profileName?: string | undefined;
  sample?: SimulatorSample | undefined;
  baseUrl: string;
  messageSid?: string;
}): Record<string, string> {
  const address = (number: string) => (input.kind === "WHATSAPP" ? `whatsapp:${number}` : number);
  const messageSid = input.messageSid ?? newTwilioMessageSid();
  const fields: Record<string, string> = {
    MessageSid: messageSid,
    SmsMessageSid: messageSid,
    SmsSid: messageSid,
    AccountSid: `AC${"0".repeat(32)}`,
    From: address(input.from),
    To: address(input.to),
    Body: input.body,
    NumMedia: "0",
    NumSegments: "1",
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  };
  if (input.kind === "WHATSAPP") {
    fields.WaId = input.from.replace(/^\+/, "");
    if (input.profileName) fields.ProfileName = input.profileName;
  }
  if (input.sample === "image" || input.sample === "document") {
    fields.NumMedia = "1";
    fields.MediaUrl0 = `${input.baseUrl}${input.sample === "image" ? SAMPLE_IMAGE_PATH : SAMPLE_DOCUMENT_PATH}`;
    fields.MediaContentType0 = input.sample === "image" ? "image/png" : "application/pdf";
  }
  if (input.sample === "location") {
    fields.Latitude = String(SAMPLE_LOCATION.latitude);
    fields.Longitude = String(SAMPLE_LOCATION.longitude);
    fields.Address = SAMPLE_LOCATION.address;
    fields.Label = SAMPLE_LOCATION.label;
  }
  return fields;
}
