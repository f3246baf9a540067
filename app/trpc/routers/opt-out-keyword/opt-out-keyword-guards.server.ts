import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { can } from "~/utils/permissions";

/** Which words opt a customer out, and what they are told: owners and admins only. */
export function assertCanManageConsentKeywords(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "update:settings:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can change the opt-out words." });
  }
}
