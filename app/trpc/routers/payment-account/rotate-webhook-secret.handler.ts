import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RotateWebhookSecretInput } from "~/trpc/routers/payment-account/rotate-webhook-secret.schema";
import { assertCanManagePaymentAccount } from "~/trpc/routers/payment-account/payment-account-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { rotateWebhookSecret } from "~/services/payment/rotate-webhook-secret.server";

/** A new webhook secret; the previous one stays accepted for a day. */
export async function rotateWebhookSecretHandler({ ctx, input }: { ctx: OrgScopedContext; input: RotateWebhookSecretInput }) {
  assertCanManagePaymentAccount(ctx, "update");
  return ctx.db.$transaction((tx) => rotateWebhookSecret(tx, commandScope(ctx), input));
}
