// The option "a full refund of a contact's only payment moves them to Churned", read by the refund
// path when it applies a refund.
import type { SetChurnOnFullRefundInput } from "~/domain/payment/payment-account.schema";
import { findPaymentAccount, lockPaymentAccount, paymentAccountSettingsView, updatePaymentAccountRow } from "~/models/payment-account.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { now } from "~/utils/clock";

export async function setChurnOnFullRefund(tx: CommandTx, { organizationId }: CommandContext, input: SetChurnOnFullRefundInput) {
  const account = await lockPaymentAccount(tx, { organizationId });
  if (account.churnOnFullRefund !== input.churnOnFullRefund) {
    await updatePaymentAccountRow(tx, { organizationId, id: account.id, churnOnFullRefund: input.churnOnFullRefund });
  }
  return paymentAccountSettingsView((await findPaymentAccount(tx, { organizationId }))!, now());
}
