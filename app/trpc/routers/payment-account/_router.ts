import { orgProcedure, router } from "~/trpc/trpc.server";
import { getPaymentAccountHandler } from "~/trpc/routers/payment-account/get.handler";
import { connectRazorpaySchema } from "~/trpc/routers/payment-account/connect.schema";
import { connectPaymentAccountHandler } from "~/trpc/routers/payment-account/connect.handler";
import { rotateWebhookSecretSchema } from "~/trpc/routers/payment-account/rotate-webhook-secret.schema";
import { rotateWebhookSecretHandler } from "~/trpc/routers/payment-account/rotate-webhook-secret.handler";
import { switchToSandboxHandler } from "~/trpc/routers/payment-account/use-sandbox.handler";
import { setChurnOnFullRefundSchema } from "~/trpc/routers/payment-account/set-churn-on-full-refund.schema";
import { setChurnOnFullRefundHandler } from "~/trpc/routers/payment-account/set-churn-on-full-refund.handler";

// The organization's own payment account (no ids in: it is the session's organization's). Owners and
// admins only, reading included; each handler checks the permission. No answer carries a secret.
export const paymentAccountRouter = router({
  get: orgProcedure("VIEWER").query(getPaymentAccountHandler),
  connect: orgProcedure("VIEWER").input(connectRazorpaySchema).mutation(connectPaymentAccountHandler),
  rotateWebhookSecret: orgProcedure("VIEWER").input(rotateWebhookSecretSchema).mutation(rotateWebhookSecretHandler),
  useSandbox: orgProcedure("VIEWER").mutation(switchToSandboxHandler),
  setChurnOnFullRefund: orgProcedure("VIEWER").input(setChurnOnFullRefundSchema).mutation(setChurnOnFullRefundHandler),
});
