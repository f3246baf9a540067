// X-Twilio-Signature: HMAC-SHA1 of the URL plus the sorted form fields, keyed by the auth token.
// The real adapter checks with the account's token; the sandbox signs and checks with its own.
import twilio from "twilio";
import type { WebhookSignatureInput } from "./messaging.types";

export function verifyTwilioSignature(authToken: string, { url, params, signature }: WebhookSignatureInput): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
