import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { PaymentTotalsInput } from "~/trpc/routers/payment/totals.schema";
import { assertCanReadPayments, paymentScope, resolvePaymentFilter } from "~/trpc/routers/payment/payment-guards.server";
import { paymentTotalsView } from "~/trpc/routers/payment/payment-view";
import { paymentTotals } from "~/models/payment-list.server";

/** How many payments match the filter, and what the counted ones among them captured, had refunded and netted. */
export async function paymentTotalsHandler({ ctx, input }: { ctx: OrgScopedContext; input: PaymentTotalsInput }) {
  assertCanReadPayments(ctx);
  await resolvePaymentFilter(ctx, input.filter);
  return paymentTotalsView(await paymentTotals(ctx.db, paymentScope(ctx), input.filter));
}
