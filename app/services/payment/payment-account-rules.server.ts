// The rules the payment account's commands share: how a webhook secret is replaced (the one it
// replaces stays accepted for a while, so events Razorpay signed before the change still land) and
// the account's refusals, worded for the admin who sees them.
import { addHours } from "date-fns";
import { PREVIOUS_WEBHOOK_SECRET_HOURS } from "~/domain/payment/payment-account.schema";
import type { PaymentAccount } from "~/generated/prisma/client";
import type { PaymentAccountSecrets } from "~/models/payment-account.server";
import { fieldError } from "~/services/field-error.server";

export type WebhookSecretChange = Pick<PaymentAccount, "previousSecretUntil"> & { webhookSecrets: string[] };

/**
 * The webhook secrets once `next` is the current one. The secret it replaces is still accepted for
 * PREVIOUS_WEBHOOK_SECRET_HOURS from `at`; an older previous one is dropped. The same secret again
 * changes nothing (a rotation under way goes on); secrets that cannot be opened are simply replaced.
 */
export function replaceWebhookSecret(
  account: Pick<PaymentAccount, "previousSecretUntil">,
  stored: PaymentAccountSecrets | null,
  next: string,
  at: Date,
): WebhookSecretChange {
  const current = stored?.webhookSecrets[0];
  if (current === next) return { webhookSecrets: stored!.webhookSecrets, previousSecretUntil: account.previousSecretUntil };
  if (!current) return { webhookSecrets: [next], previousSecretUntil: null };
  return { webhookSecrets: [next, current], previousSecretUntil: addHours(at, PREVIOUS_WEBHOOK_SECRET_HOURS) };
}

export function secretsCannotBeOpened(field: string) {
  return fieldError("BAD_REQUEST", field, "The saved secrets can't be opened: connect Razorpay again with the key id, key secret and webhook secret.");
}
