// Back to the sandbox: the Razorpay keys are forgotten, and the account gets a webhook secret of its
// own again, which the sandbox checkout signs with. The Razorpay webhook secret stays accepted for
// PREVIOUS_WEBHOOK_SECRET_HOURS, so events about payments made before the switch still land.
import {
  findPaymentAccount,
  lockPaymentAccount,
  newWebhookSecret,
  openedPaymentAccountSecrets,
  paymentAccountSettingsView,
  sealPaymentAccountSecrets,
  updatePaymentAccountRow,
} from "~/models/payment-account.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { replaceWebhookSecret } from "~/services/payment/payment-account-rules.server";
import { now } from "~/utils/clock";

/** Returns the account; `changed` is false when it was on the sandbox already (nothing is written). */
export async function switchToSandbox(tx: CommandTx, { organizationId }: CommandContext) {
  const account = await lockPaymentAccount(tx, { organizationId });
  const at = now();
  if (account.provider === "SANDBOX") return { account: paymentAccountSettingsView(account, at), changed: false };
  const { webhookSecrets, previousSecretUntil } = replaceWebhookSecret(account, openedPaymentAccountSecrets(account), newWebhookSecret(), at);
  await updatePaymentAccountRow(tx, {
    organizationId,
    id: account.id,
    provider: "SANDBOX",
    keyId: null,
    secrets: sealPaymentAccountSecrets(account.id, { webhookSecrets }),
    previousSecretUntil,
  });
  return { account: paymentAccountSettingsView((await findPaymentAccount(tx, { organizationId }))!, at), changed: true };
}
