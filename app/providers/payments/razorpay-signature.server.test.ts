import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  signCheckout,
  signPaymentLinkCallback,
  signRazorpayWebhook,
  verifyCheckoutSignature,
  verifyPaymentLinkCallbackSignature,
  verifyRazorpayWebhookSignature,
} from "./razorpay-signature.server";

/** The same hex digest with one hex digit changed, so one decoded byte differs. */
function flipDigit(signature: string, at = 10): string {
  const digit = signature[at] === "0" ? "1" : "0";
  return signature.slice(0, at) + digit + signature.slice(at + 1);
}

describe("webhook signatures", () => {
  const current = "whsec_current_7f3a";
  const previous = "whsec_previous_19bc";
  // As Razorpay sends it: compact JSON, with a rupee sign to show bytes, not characters, are signed.
  const rawBody = '{"entity":"event","event":"payment_link.paid","payload":{"payment_link":{"entity":{"id":"plink_Ol9eZzvPzJ3Ch6","description":"Nifty ₹ course","amount":499900}}}}';

  test("are a hex HMAC-SHA256 of the raw body with the webhook secret", () => {
    const expected = createHmac("sha256", current).update(Buffer.from(rawBody, "utf8")).digest("hex");
    expect(signRazorpayWebhook(rawBody, current)).toBe(expected);
    expect(signRazorpayWebhook(Buffer.from(rawBody, "utf8"), current)).toBe(expected);
  });

  test("name the secret that matched, from a Buffer or a string body", () => {
    const signature = signRazorpayWebhook(rawBody, current);
    expect(verifyRazorpayWebhookSignature(rawBody, signature, [current, previous])).toBe(0);
    expect(verifyRazorpayWebhookSignature(Buffer.from(rawBody, "utf8"), signature, [current, previous])).toBe(0);
    expect(verifyRazorpayWebhookSignature(rawBody, ` ${signature.toUpperCase()}\n`, [current])).toBe(0);
  });

  test("accept the second secret while one is being rotated", () => {
    const signedWithOld = signRazorpayWebhook(rawBody, previous);
    expect(verifyRazorpayWebhookSignature(rawBody, signedWithOld, [current, previous])).toBe(1);
    expect(verifyRazorpayWebhookSignature(rawBody, signedWithOld, [current])).toBeNull();
  });

  test("refuse a body with one byte changed", () => {
    const signature = signRazorpayWebhook(rawBody, current);
    const body = Buffer.from(rawBody, "utf8");
    for (const at of [0, 17, body.length - 1]) {
      const changed = Buffer.from(body);
      changed[at] = changed[at]! ^ 0x01;
      expect(verifyRazorpayWebhookSignature(changed, signature, [current, previous])).toBeNull();
    }
  });

  test("refuse a signature with one byte changed", () => {
    const signature = signRazorpayWebhook(rawBody, current);
    expect(verifyRazorpayWebhookSignature(rawBody, flipDigit(signature, 0), [current])).toBeNull();
    expect(verifyRazorpayWebhookSignature(rawBody, flipDigit(signature, 63), [current])).toBeNull();
  });

  test("refuse the same JSON serialized again", () => {
    const spaced = JSON.stringify(JSON.parse(rawBody), null, 2);
    const signature = signRazorpayWebhook(spaced, current);
    expect(verifyRazorpayWebhookSignature(spaced, signature, [current])).toBe(0);
    // What a handler that parsed the body and stringified it again would check.
    const reserialized = JSON.stringify(JSON.parse(spaced));
    expect(reserialized).not.toBe(spaced);
    expect(verifyRazorpayWebhookSignature(reserialized, signature, [current])).toBeNull();
  });

  test("refuse signatures of the wrong length or alphabet, and missing ones", () => {
    const signature = signRazorpayWebhook(rawBody, current);
    for (const given of [
      signature.slice(0, 63),
      signature.slice(0, 62),
      `${signature}0`,
      `${signature}00`,
      signature.slice(0, 32),
      `${signature.slice(0, 63)}g`,
      Buffer.from(signature, "hex").toString("base64"),
      "",
      null,
      undefined,
    ]) {
      expect(verifyRazorpayWebhookSignature(rawBody, given, [current, previous])).toBeNull();
    }
  });

  test("never match an empty secret or an empty list", () => {
    const signedWithEmpty = createHmac("sha256", "").update(rawBody).digest("hex");
    expect(verifyRazorpayWebhookSignature(rawBody, signedWithEmpty, ["", current])).toBeNull();
    expect(verifyRazorpayWebhookSignature(rawBody, signRazorpayWebhook(rawBody, current), [])).toBeNull();
    expect(verifyRazorpayWebhookSignature(rawBody, signRazorpayWebhook(rawBody, current), ["", current])).toBe(1);
  });
});

describe("Checkout signatures", () => {
  const keySecret = "rzp_key_secret_abc";
  const orderId = "order_IEIaMR65cu6nz3";
  const paymentId = "pay_IH4NVgf4Dreq1l";

  test("are over order_id|payment_id with the key secret", () => {
    const expected = createHmac("sha256", keySecret).update(`${orderId}|${paymentId}`).digest("hex");
    expect(signCheckout({ orderId, paymentId, keySecret })).toBe(expected);
    expect(verifyCheckoutSignature({ orderId, paymentId, signature: expected, keySecret })).toBe(true);
  });

  test("refuse another order, another payment, the fields swapped or another secret", () => {
    const signature = signCheckout({ orderId, paymentId, keySecret });
    expect(verifyCheckoutSignature({ orderId: "order_IEIaMR65cu6nz4", paymentId, signature, keySecret })).toBe(false);
    expect(verifyCheckoutSignature({ orderId, paymentId: "pay_IH4NVgf4Dreq1m", signature, keySecret })).toBe(false);
    expect(verifyCheckoutSignature({ orderId: paymentId, paymentId: orderId, signature, keySecret })).toBe(false);
    expect(verifyCheckoutSignature({ orderId, paymentId, signature, keySecret: "another-secret" })).toBe(false);
  });

  test("refuse a signature with one byte changed, of the wrong length, or none", () => {
    const signature = signCheckout({ orderId, paymentId, keySecret });
    for (const given of [flipDigit(signature), signature.slice(0, 63), `${signature}ab`, "", null, undefined]) {
      expect(verifyCheckoutSignature({ orderId, paymentId, signature: given, keySecret })).toBe(false);
    }
    expect(verifyCheckoutSignature({ orderId, paymentId, signature, keySecret: "" })).toBe(false);
  });
});

describe("payment link callback signatures", () => {
  const keySecret = "rzp_key_secret_abc";
  const fields = { paymentLinkId: "plink_Ol9eZzvPzJ3Ch6", referenceId: "pay_ref_1", status: "paid", paymentId: "pay_IH4NVgf4Dreq1l" };

  test("are over link id|reference id|status|payment id, in that order", () => {
    const expected = createHmac("sha256", keySecret).update("plink_Ol9eZzvPzJ3Ch6|pay_ref_1|paid|pay_IH4NVgf4Dreq1l").digest("hex");
    expect(signPaymentLinkCallback({ ...fields, keySecret })).toBe(expected);
    expect(verifyPaymentLinkCallbackSignature({ ...fields, signature: expected, keySecret })).toBe(true);
  });

  test("refuse any field changed or reordered, or another secret", () => {
    const signature = signPaymentLinkCallback({ ...fields, keySecret });
    expect(verifyPaymentLinkCallbackSignature({ ...fields, status: "partially_paid", signature, keySecret })).toBe(false);
    expect(verifyPaymentLinkCallbackSignature({ ...fields, referenceId: "pay_ref_2", signature, keySecret })).toBe(false);
    expect(verifyPaymentLinkCallbackSignature({ ...fields, paymentLinkId: "plink_Ol9eZzvPzJ3Ch7", signature, keySecret })).toBe(false);
    expect(verifyPaymentLinkCallbackSignature({ ...fields, paymentId: "pay_IH4NVgf4Dreq1m", signature, keySecret })).toBe(false);
    const reordered = createHmac("sha256", keySecret).update("plink_Ol9eZzvPzJ3Ch6|paid|pay_ref_1|pay_IH4NVgf4Dreq1l").digest("hex");
    expect(verifyPaymentLinkCallbackSignature({ ...fields, signature: reordered, keySecret })).toBe(false);
    expect(verifyPaymentLinkCallbackSignature({ ...fields, signature, keySecret: "another-secret" })).toBe(false);
  });

  test("refuse a signature with one byte changed, of the wrong length, or none", () => {
    const signature = signPaymentLinkCallback({ ...fields, keySecret });
    for (const given of [flipDigit(signature), flipDigit(signature, 63), signature.slice(1), `0${signature}`, "", null]) {
      expect(verifyPaymentLinkCallbackSignature({ ...fields, signature: given, keySecret })).toBe(false);
    }
  });

  test("work for a link without a reference id", () => {
    const noReference = { ...fields, referenceId: "" };
    const signature = signPaymentLinkCallback({ ...noReference, keySecret });
    expect(signature).toBe(createHmac("sha256", keySecret).update("plink_Ol9eZzvPzJ3Ch6||paid|pay_IH4NVgf4Dreq1l").digest("hex"));
    expect(verifyPaymentLinkCallbackSignature({ ...noReference, signature, keySecret })).toBe(true);
    expect(verifyPaymentLinkCallbackSignature({ ...fields, signature, keySecret })).toBe(false);
  });
});

test("agree with the razorpay SDK's own checks", async () => {
  const { validatePaymentVerification, validateWebhookSignature } = await import("razorpay/dist/utils/razorpay-utils.js");
  const keySecret = "rzp_key_secret_abc";
  const body = '{"event":"payment.captured"}';
  expect(validateWebhookSignature(body, signRazorpayWebhook(body, "whsec"), "whsec")).toBe(true);
  expect(
    validatePaymentVerification({ order_id: "order_1", payment_id: "pay_1" }, signCheckout({ orderId: "order_1", paymentId: "pay_1", keySecret }), keySecret),
  ).toBe(true);
  const link = { paymentLinkId: "plink_1", referenceId: "ref_1", status: "paid", paymentId: "pay_1" };
  expect(
    validatePaymentVerification(
      { payment_link_id: "plink_1", payment_link_reference_id: "ref_1", payment_link_status: "paid", payment_id: "pay_1" },
      signPaymentLinkCallback({ ...link, keySecret }),
      keySecret,
    ),
  ).toBe(true);
});
