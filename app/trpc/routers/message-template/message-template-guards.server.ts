import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { can } from "~/utils/permissions";

/** Every member reads templates (the chat sends them); owners and admins write them. */
export function assertCanManageMessageTemplates(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "update:settings:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can manage templates." });
  }
}
