// The payments provider of an organization's payment account: Razorpay with the account's own keys,
// or the sandbox, which signs its checkout's webhooks with the account's own webhook secret so they
// pass the same check as Razorpay's. Built per call from the stored row (never cached), so new keys
// or a rotation take effect at once.
import type { PaymentAccount } from "~/generated/prisma/client";
import { acceptedWebhookSecrets, paymentAccountSecrets } from "~/models/payment-account.server";
import { createRazorpayPaymentsProvider, createSandboxPaymentsProvider, type PaymentsProvider, type SandboxPaymentsProvider } from "~/providers/payments/index.server";
import { now } from "~/utils/clock";
import { prisma } from "~/utils/db.server";
import { appUrl, getEnv } from "~/utils/env.server";

type Account = Pick<PaymentAccount, "id" | "provider" | "keyId" | "secrets" | "previousSecretUntil">;

export function sandboxProviderForAccount(account: Account): SandboxPaymentsProvider {
  return createSandboxPaymentsProvider({ db: prisma, appUrl: appUrl(getEnv()), webhookSecrets: acceptedWebhookSecrets(account, now()) });
}

export function paymentsProviderForAccount(account: Account): PaymentsProvider {
  if (account.provider === "RAZORPAY" && account.keyId) {
    const secrets = paymentAccountSecrets(account);
    return createRazorpayPaymentsProvider({
      keyId: account.keyId,
      keySecret: secrets.keySecret ?? "",
      apiBaseUrl: getEnv().RAZORPAY_API_BASE_URL,
      webhookSecrets: acceptedWebhookSecrets(account, now()),
    });
  }
  return sandboxProviderForAccount(account);
}
