import type { OrgScopedContext } from "~/trpc/trpc.server";
import { assertCanReadPayments } from "~/trpc/routers/payment/payment-guards.server";
import { listPaymentFilterOptions } from "~/models/payment-list.server";

/** The products (archived ones too) and members the filter form offers. */
export async function paymentFilterOptionsHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanReadPayments(ctx);
  return listPaymentFilterOptions(ctx.db, { organizationId: ctx.org.id });
}
