// Razorpay's three signatures, all hex HMAC-SHA256:
//   webhooks            X-Razorpay-Signature over the raw request body, keyed by the webhook secret;
//   Checkout (orders)   razorpay_signature over `order_id|payment_id`, keyed by the API key secret;
//   payment link        razorpay_signature on the callback URL over
//   callbacks           `payment_link_id|payment_link_reference_id|payment_link_status|razorpay_payment_id`,
//                       keyed by the API key secret.
// Checks compare 32 decoded bytes with timingSafeEqual. A signature that is not 64 hex digits is refused
// before any comparison, which tells a caller only that its length or alphabet was wrong.
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_HEX = /^[0-9a-fA-F]{64}$/;

/** Hex HMAC-SHA256 of the exact bytes given (a string is taken as UTF-8). */
export function signRazorpayPayload(payload: Buffer | string, secret: string): string {
  const hmac = createHmac("sha256", secret);
  if (typeof payload === "string") hmac.update(payload, "utf8");
  else hmac.update(payload);
  return hmac.digest("hex");
}

/** The X-Razorpay-Signature Razorpay would send with this raw body. */
export function signRazorpayWebhook(rawBody: Buffer | string, secret: string): string {
  return signRazorpayPayload(rawBody, secret);
}

export function checkoutSignaturePayload(orderId: string, paymentId: string): string {
  return `${orderId}|${paymentId}`;
}

export function paymentLinkCallbackSignaturePayload(input: {
  paymentLinkId: string;
  referenceId: string;
  status: string;
  paymentId: string;
}): string {
  return `${input.paymentLinkId}|${input.referenceId}|${input.status}|${input.paymentId}`;
}

/** The razorpay_signature Checkout returns after a payment on an order. */
export function signCheckout(input: { orderId: string; paymentId: string; keySecret: string }): string {
  return signRazorpayPayload(checkoutSignaturePayload(input.orderId, input.paymentId), input.keySecret);
}

/** The razorpay_signature Razorpay appends to a payment link's callback URL. */
export function signPaymentLinkCallback(input: {
  paymentLinkId: string;
  referenceId: string;
  status: string;
  paymentId: string;
  keySecret: string;
}): string {
  return signRazorpayPayload(paymentLinkCallbackSignaturePayload(input), input.keySecret);
}

/** The signature as 32 bytes, or null when it is not 64 hex digits. */
function decodeSignature(signature: string | null | undefined): Buffer | null {
  const trimmed = signature?.trim() ?? "";
  return SIGNATURE_HEX.test(trimmed) ? Buffer.from(trimmed, "hex") : null;
}

function macMatches(payload: Buffer | string, secret: string, given: Buffer): boolean {
  const expected = Buffer.from(signRazorpayPayload(payload, secret), "hex");
  return timingSafeEqual(expected, given);
}

/**
 * Checks X-Razorpay-Signature against each secret in turn, all of them every time (how long it takes does
 * not say which one matched): the index of the secret that matched, or null. Two secrets are active while
 * one is being rotated; empty secrets never match. `rawBody` must be the bytes as received: parsing and
 * re-serializing the JSON changes them.
 */
export function verifyRazorpayWebhookSignature(
  rawBody: Buffer | string,
  signatureHeader: string | null | undefined,
  secrets: readonly string[],
): number | null {
  const given = decodeSignature(signatureHeader);
  if (!given) return null;
  let matched: number | null = null;
  secrets.forEach((secret, index) => {
    if (!secret) return;
    if (macMatches(rawBody, secret, given) && matched === null) matched = index;
  });
  return matched;
}

/** Checkout's razorpay_signature for a payment on an order. */
export function verifyCheckoutSignature(input: {
  orderId: string;
  paymentId: string;
  signature: string | null | undefined;
  keySecret: string;
}): boolean {
  const given = decodeSignature(input.signature);
  if (!given || !input.keySecret || !input.orderId || !input.paymentId) return false;
  return macMatches(checkoutSignaturePayload(input.orderId, input.paymentId), input.keySecret, given);
}

/** The razorpay_signature on a payment link's callback. `referenceId` is "" for a link without one. */
export function verifyPaymentLinkCallbackSignature(input: {
  paymentLinkId: string;
  referenceId: string;
  status: string;
  paymentId: string;
  signature: string | null | undefined;
  keySecret: string;
}): boolean {
  const given = decodeSignature(input.signature);
  if (!given || !input.keySecret || !input.paymentLinkId || !input.paymentId || !input.status) return false;
  return macMatches(paymentLinkCallbackSignaturePayload(input), input.keySecret, given);
}
