// Picks the payments provider once from validated config: Razorpay when RAZORPAY_* is set, else the sandbox.
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { appUrl, getEnv, providerModes, type Env } from "~/utils/env.server";
import type { PaymentsProvider } from "./payments.types";
import { createRazorpayPaymentsProvider } from "./razorpay.server";
import { createSandboxPaymentsProvider } from "./sandbox.server";

export * from "./payments.types";
export {
  signCheckout,
  signPaymentLinkCallback,
  signRazorpayWebhook,
  verifyCheckoutSignature,
  verifyPaymentLinkCallbackSignature,
  verifyRazorpayWebhookSignature,
} from "./razorpay-signature.server";
export { createRazorpayPaymentsProvider, type RazorpayConfig } from "./razorpay.server";
export {
  createSandboxPaymentsProvider,
  postSandboxWebhook,
  sandboxCheckoutUrl,
  SANDBOX_RAZORPAY_KEY_SECRET,
  SANDBOX_RAZORPAY_WEBHOOK_SECRET,
  type SandboxCheckoutInput,
  type SandboxCheckoutResult,
  type SandboxOrderPayload,
  type SandboxPaymentLinkPayload,
  type SandboxPaymentPayload,
  type SandboxPaymentsProvider,
  type SandboxWebhook,
} from "./sandbox.server";

/** Builds the provider an environment asks for, without reading process.env. */
export function paymentsProviderFromEnv(env: Env, db: PrismaClient = prisma): PaymentsProvider {
  if (providerModes(env).payments === "razorpay") {
    return createRazorpayPaymentsProvider({
      keyId: env.RAZORPAY_KEY_ID!,
      keySecret: env.RAZORPAY_KEY_SECRET!,
      apiBaseUrl: env.RAZORPAY_API_BASE_URL,
    });
  }
  return createSandboxPaymentsProvider({ db, appUrl: appUrl(env) });
}

let chosen: PaymentsProvider | undefined;

/** The process's payments provider, chosen on first use. */
export function getPaymentsProvider(): PaymentsProvider {
  chosen ??= paymentsProviderFromEnv(getEnv());
  return chosen;
}
