// Connecting the organization's own Razorpay account: its key id and secret, and the webhook secret
// entered with the webhook in Razorpay's Dashboard. Also how keys are changed (test to live, a new
// key). A different webhook secret replaces the current one, which stays accepted for a while.
import type { ConnectRazorpayInput } from "~/domain/payment/payment-account.schema";
import {
  findPaymentAccount,
  lockPaymentAccount,
  openedPaymentAccountSecrets,
  paymentAccountSettingsView,
  sealPaymentAccountSecrets,
  updatePaymentAccountRow,
} from "~/models/payment-account.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { replaceWebhookSecret } from "~/services/payment/payment-account-rules.server";
import { now } from "~/utils/clock";

export async function connectRazorpay(tx: CommandTx, { organizationId }: CommandContext, input: Pick<ConnectRazorpayInput, "keyId" | "keySecret" | "webhookSecret">) {
  const account = await lockPaymentAccount(tx, { organizationId });
  const at = now();
  const { webhookSecrets, previousSecretUntil } = replaceWebhookSecret(account, openedPaymentAccountSecrets(account), input.webhookSecret, at);
  await updatePaymentAccountRow(tx, {
    organizationId,
    id: account.id,
    provider: "RAZORPAY",
    keyId: input.keyId,
    secrets: sealPaymentAccountSecrets(account.id, { keySecret: input.keySecret, webhookSecrets }),
    previousSecretUntil,
  });
  return paymentAccountSettingsView((await findPaymentAccount(tx, { organizationId }))!, at);
}
