import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { can } from "~/utils/permissions";

/** Channels hold the organization's Twilio and SMTP credentials: owners and admins only, reading too. */
export function assertCanManageChannels(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "update:settings:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can manage channels." });
  }
}
