// An organization's payment account as its owners and admins set it up: the sandbox, or Razorpay with
// the organization's own keys and webhook secret. Browser-safe: the settings forms (Conform), the form
// action and the procedures parse with the same shapes. Secrets are write-only: no shape here carries
// one back.
import { z } from "zod";

/** Razorpay's key ids: rzp_live_ or rzp_test_ and 14 letters and digits. */
export const RAZORPAY_KEY_ID_PATTERN = /^rzp_(live|test)_[A-Za-z0-9]{14}$/;

/** How long a replaced webhook secret is still accepted, so events Razorpay signed before the change still land. */
export const PREVIOUS_WEBHOOK_SECRET_HOURS = 24;

export const WEBHOOK_SECRET_MIN = 8;
export const WEBHOOK_SECRET_MAX = 256;
export const KEY_SECRET_MAX = 128;

export type PaymentProviderValue = "SANDBOX" | "RAZORPAY";
export type PaymentAccountMode = "SANDBOX" | "RAZORPAY_LIVE" | "RAZORPAY_TEST";

export const PAYMENT_ACCOUNT_MODE_LABELS: Record<PaymentAccountMode, string> = {
  SANDBOX: "Sandbox (no real money moves)",
  RAZORPAY_LIVE: "Razorpay, live mode",
  RAZORPAY_TEST: "Razorpay, test mode",
};

/** The mode an account runs in: the sandbox, or Razorpay live or test as its key id says. */
export function paymentAccountMode(account: { provider: PaymentProviderValue; keyId: string | null }): PaymentAccountMode {
  if (account.provider !== "RAZORPAY" || !account.keyId) return "SANDBOX";
  return account.keyId.startsWith("rzp_live_") ? "RAZORPAY_LIVE" : "RAZORPAY_TEST";
}

/** The address to paste into Razorpay's Dashboard (Account & Settings › Webhooks); the webhook route answers it. */
export function razorpayWebhookUrl(baseUrl: string, accountId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/webhooks/razorpay/${accountId}`;
}

const trimmed = (message: string) => z.string({ message }).trim();

export const razorpayKeyIdField = trimmed("Enter the key id")
  .min(1, { message: "Enter the key id" })
  .regex(RAZORPAY_KEY_ID_PATTERN, {
    message: "A key id is rzp_live_ or rzp_test_ followed by 14 letters and digits (Razorpay Dashboard › Account & Settings › API Keys)",
  });

export const razorpayKeySecretField = trimmed("Enter the key secret")
  .min(1, { message: "Enter the key secret" })
  .max(KEY_SECRET_MAX, { message: `A key secret is at most ${KEY_SECRET_MAX} characters` })
  .regex(/^\S+$/, { message: "A key secret has no spaces" });

export const webhookSecretField = trimmed("Enter the webhook secret")
  .min(1, { message: "Enter the webhook secret" })
  .min(WEBHOOK_SECRET_MIN, { message: `Use at least ${WEBHOOK_SECRET_MIN} characters (a long random secret is safest)` })
  .max(WEBHOOK_SECRET_MAX, { message: `Use at most ${WEBHOOK_SECRET_MAX} characters` })
  .regex(/^[^\t\r\n]+$/, { message: "Use a single line without tabs" });

/** A checkbox: "on" when ticked, absent when not (or a boolean from a procedure call). */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const connectRazorpaySchema = z.object({
  keyId: razorpayKeyIdField,
  keySecret: razorpayKeySecretField,
  /** The secret entered with the webhook in Razorpay's Dashboard. */
  webhookSecret: webhookSecretField,
  /** Save without asking Razorpay whether it accepts the keys (it is asked unless this is ticked). */
  skipKeyCheck: checkbox.optional().default(false),
});
export type ConnectRazorpayInput = z.output<typeof connectRazorpaySchema>;

export const rotateWebhookSecretSchema = z.object({
  /** The new secret, already entered in Razorpay's Dashboard. */
  webhookSecret: webhookSecretField,
});
export type RotateWebhookSecretInput = z.output<typeof rotateWebhookSecretSchema>;

export const setChurnOnFullRefundSchema = z.object({
  churnOnFullRefund: checkbox.optional().default(false),
});
export type SetChurnOnFullRefundInput = z.output<typeof setChurnOnFullRefundSchema>;

/** The fields a form never gets back after a refused submission (they would put secrets in the page). */
export const PAYMENT_ACCOUNT_SECRET_FIELDS = ["keySecret", "webhookSecret"];
