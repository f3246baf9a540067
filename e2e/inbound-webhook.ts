// Writing as a customer in browser tests: a channel made through the API, and inbound messages posted
// to its Twilio webhook signed the way Twilio signs them (the sandbox's own token).
import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import twilio from "twilio";
import { expect, trpcMutation } from "./fixtures";

/** The sandbox signs its own webhooks with this fixed token (not a secret: it authenticates the sandbox to itself). */
const SANDBOX_TOKEN = "leadlane-sandbox-twilio-auth-token";

export async function createSandboxChannel(request: APIRequestContext, appURL: string, input: { kind: "WHATSAPP" | "SMS"; name: string; address: string }) {
  const created = await trpcMutation<{ channel: { id: string } }>(request, appURL, "channel.create", input);
  expect(created.status, created.text).toBe(200);
  return { id: created.data.channel.id, inboundUrl: `${appURL}/webhooks/twilio/${created.data.channel.id}/inbound`, ...input };
}

let counter = 0;

/** A phone number nobody else in this run uses. */
export function customerPhone(): string {
  counter++;
  return `+9197${String((Date.now() * 10 + counter) % 100_000_000).padStart(8, "0")}`;
}

export async function postInbound(
  request: APIRequestContext,
  channel: { inboundUrl: string; kind: "WHATSAPP" | "SMS"; address: string },
  message: { from: string; body: string; name?: string },
) {
  const prefix = channel.kind === "WHATSAPP" ? "whatsapp:" : "";
  const params: Record<string, string> = {
    MessageSid: `SM${randomBytes(16).toString("hex")}`,
    From: `${prefix}${message.from}`,
    To: `${prefix}${channel.address}`,
    Body: message.body,
    NumMedia: "0",
    ...(message.name ? { ProfileName: message.name } : {}),
  };
  const response = await request.post(channel.inboundUrl, {
    form: params,
    headers: { "X-Twilio-Signature": twilio.getExpectedTwilioSignature(SANDBOX_TOKEN, channel.inboundUrl, params) },
  });
  expect(response.status()).toBe(200);
}
