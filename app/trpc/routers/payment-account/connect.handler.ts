import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ConnectRazorpayInput } from "~/trpc/routers/payment-account/connect.schema";
import { assertCanManagePaymentAccount } from "~/trpc/routers/payment-account/payment-account-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { checkRazorpayKeys } from "~/services/payment/check-razorpay-keys.server";
import { connectRazorpay } from "~/services/payment/connect-razorpay.server";

/** Saves the organization's Razorpay keys and webhook secret, once Razorpay has accepted the keys (unless told not to ask). */
export async function connectPaymentAccountHandler({ ctx, input }: { ctx: OrgScopedContext; input: ConnectRazorpayInput }) {
  assertCanManagePaymentAccount(ctx, "update");
  // Before the transaction: a vendor call never holds a row lock.
  if (!input.skipKeyCheck) await checkRazorpayKeys({ organizationId: ctx.org.id, keyId: input.keyId, keySecret: input.keySecret });
  return ctx.db.$transaction((tx) => connectRazorpay(tx, commandScope(ctx), input));
}
