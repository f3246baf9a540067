import type { OrgScopedContext } from "~/trpc/trpc.server";
import { assertCanManagePaymentAccount } from "~/trpc/routers/payment-account/payment-account-guards.server";
import { findOrCreatePaymentAccount, paymentAccountSettingsView } from "~/models/payment-account.server";
import { now } from "~/utils/clock";

/** The organization's payment account (a sandbox one is made on first use), without its secrets. */
export async function getPaymentAccountHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanManagePaymentAccount(ctx, "read");
  return paymentAccountSettingsView(await findOrCreatePaymentAccount(ctx.db, { organizationId: ctx.org.id }), now());
}
