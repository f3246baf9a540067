// Rotating the Razorpay webhook secret: the admin sets a new secret on the webhook in Razorpay's
// Dashboard and enters it here. The old one stays accepted for PREVIOUS_WEBHOOK_SECRET_HOURS, so
// events Razorpay signed (or retries) before the change still land; after that only the new one is.
import type { RotateWebhookSecretInput } from "~/domain/payment/payment-account.schema";
import {
  findPaymentAccount,
  lockPaymentAccount,
  openedPaymentAccountSecrets,
  paymentAccountSettingsView,
  sealPaymentAccountSecrets,
  updatePaymentAccountRow,
} from "~/models/payment-account.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { fieldError } from "~/services/field-error.server";
import { replaceWebhookSecret, secretsCannotBeOpened } from "~/services/payment/payment-account-rules.server";
import { now } from "~/utils/clock";

export async function rotateWebhookSecret(tx: CommandTx, { organizationId }: CommandContext, input: RotateWebhookSecretInput) {
  const account = await lockPaymentAccount(tx, { organizationId });
  if (account.provider !== "RAZORPAY") {
    throw fieldError("BAD_REQUEST", "webhookSecret", "The sandbox keeps its own webhook secret: connect Razorpay first.");
  }
  const stored = openedPaymentAccountSecrets(account);
  if (!stored) throw secretsCannotBeOpened("webhookSecret");
  if (stored.webhookSecrets[0] === input.webhookSecret) {
    throw fieldError("BAD_REQUEST", "webhookSecret", "That is the current webhook secret already: enter the new one you set in Razorpay.");
  }
  const at = now();
  const { webhookSecrets, previousSecretUntil } = replaceWebhookSecret(account, stored, input.webhookSecret, at);
  await updatePaymentAccountRow(tx, {
    organizationId,
    id: account.id,
    secrets: sealPaymentAccountSecrets(account.id, { keySecret: stored.keySecret, webhookSecrets }),
    previousSecretUntil,
  });
  return paymentAccountSettingsView((await findPaymentAccount(tx, { organizationId }))!, at);
}
