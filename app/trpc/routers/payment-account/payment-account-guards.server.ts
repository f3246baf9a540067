import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { can } from "~/utils/permissions";

/** The payment account holds the organization's Razorpay keys: owners and admins only, reading too. */
export function assertCanManagePaymentAccount(ctx: OrgScopedContext, action: "read" | "update") {
  if (!can(ctx.org.role, `${action}:paymentAccount:any`)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can see and change the payment account." });
  }
}
