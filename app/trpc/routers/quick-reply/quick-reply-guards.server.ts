import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { roleAtLeast } from "~/utils/permissions";

/** Managers and above keep the organization's quick replies; every member uses them. */
export function assertCanManageQuickReplies(ctx: OrgScopedContext) {
  if (!roleAtLeast(ctx.org.role, "MANAGER")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners, admins and managers can change quick replies." });
  }
}
