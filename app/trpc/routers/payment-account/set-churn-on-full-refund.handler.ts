import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SetChurnOnFullRefundInput } from "~/trpc/routers/payment-account/set-churn-on-full-refund.schema";
import { assertCanManagePaymentAccount } from "~/trpc/routers/payment-account/payment-account-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { setChurnOnFullRefund } from "~/services/payment/set-churn-on-full-refund.server";

export async function setChurnOnFullRefundHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetChurnOnFullRefundInput }) {
  assertCanManagePaymentAccount(ctx, "update");
  return ctx.db.$transaction((tx) => setChurnOnFullRefund(tx, commandScope(ctx), input));
}
