// Asks Razorpay whether it accepts a key id and secret before they are saved: it reads an order that
// cannot exist. Good keys get "The id provided does not exist" (a not-found); keys Razorpay does not
// accept get a 401, refused here on the field it names. Called outside any transaction (a vendor call).
import { TRPCError } from "@trpc/server";
import { createRazorpayPaymentsProvider } from "~/providers/payments/index.server";
import { ProviderError } from "~/providers/provider-error";
import { fieldError } from "~/services/field-error.server";
import { getEnv } from "~/utils/env.server";

/** An order id of Razorpay's shape that no account has. */
const PROBE_ORDER_ID = "order_LeadlaneKeyCheck";
const CHECK_TIMEOUT_MS = 10_000;

const UNKNOWN_KEY_ID = /api key provided is invalid/i;

export async function checkRazorpayKeys({ organizationId, keyId, keySecret }: { organizationId: string; keyId: string; keySecret: string }): Promise<void> {
  const razorpay = createRazorpayPaymentsProvider({ keyId, keySecret, apiBaseUrl: getEnv().RAZORPAY_API_BASE_URL, timeoutMs: CHECK_TIMEOUT_MS });
  try {
    await razorpay.fetchOrder({ organizationId, externalId: PROBE_ORDER_ID });
    // An answer at all means the keys opened the account.
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.code === "NOT_FOUND") return;
    if (error.status === 401) {
      if (UNKNOWN_KEY_ID.test(error.message)) {
        throw fieldError("BAD_REQUEST", "keyId", "Razorpay doesn't know this key id: copy it again from the Razorpay Dashboard (Account & Settings › API Keys).");
      }
      throw fieldError("BAD_REQUEST", "keySecret", "Razorpay refused this key secret for the key id: copy both again from the Razorpay Dashboard (Account & Settings › API Keys).");
    }
    if (error.retryable) {
      throw new TRPCError({
        code: "BAD_GATEWAY",
        message: "Razorpay could not be reached to check the keys. Nothing was saved: try again, or tick “Save without checking the keys”.",
        cause: error,
      });
    }
    throw fieldError("BAD_REQUEST", "keyId", `Razorpay did not accept these keys (${error.message.replace(/^razorpay: /, "")}). Nothing was saved.`);
  }
}
