import type { OrgScopedContext } from "~/trpc/trpc.server";
import { assertCanManagePaymentAccount } from "~/trpc/routers/payment-account/payment-account-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { switchToSandbox } from "~/services/payment/switch-to-sandbox.server";

/** Back to the sandbox: the Razorpay keys are forgotten. */
export async function switchToSandboxHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanManagePaymentAccount(ctx, "update");
  return ctx.db.$transaction((tx) => switchToSandbox(tx, commandScope(ctx)));
}
