import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { can } from "~/utils/permissions";

/** Owners and admins keep the catalog; every member lists what is on offer (agents pick from it). */
export function assertCanManageProducts(ctx: OrgScopedContext, action: "create" | "update") {
  if (!can(ctx.org.role, `${action}:product:any`)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can manage products." });
  }
}

/** Archived products are the catalog keepers' to see; everyone else lists what is on offer. */
export function assertCanSeeArchivedProducts(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "update:product:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can see archived products." });
  }
}
