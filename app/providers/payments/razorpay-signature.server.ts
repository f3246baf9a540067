// Razorpay webhook signatures: hex HMAC-SHA256 of the raw request body, keyed by the webhook secret.
// The sandbox checkout signs its webhooks the same way.
import { createHmac, timingSafeEqual } from "node:crypto";

export function signRazorpayWebhook(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

export function verifyRazorpaySignature(rawBody: string, signature: string | null | undefined, secret: string): boolean {
  if (!signature || !secret) return false;
  const expected = Buffer.from(signRazorpayWebhook(rawBody, secret), "utf8");
  const given = Buffer.from(signature.trim().toLowerCase(), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
