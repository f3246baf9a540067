import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateTimeZoneInput } from "~/trpc/routers/organization/update-time-zone.schema";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { setOrganizationTimeZone } from "~/models/organization.server";
import { can } from "~/utils/permissions";

/**
 * Sets the zone every "day" of the organization is read in (today's follow-ups, activity filters,
 * export times, this month's forecast). PostgreSQL must know the zone too: exports and forecasts
 * convert times there.
 */
export async function updateTimeZoneHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateTimeZoneInput }) {
  if (!can(ctx.org.role, "update:settings:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can change the organization's settings." });
  }
  const known = await ctx.db.$queryRaw<Array<{ name: string }>>`SELECT name FROM pg_timezone_names WHERE name = ${input.timeZone}`;
  if (known.length === 0) throw fieldErrors({ timeZone: `${input.timeZone} isn't a time zone the database knows; choose another place` });
  const updated = await setOrganizationTimeZone(ctx.db, { organizationId: ctx.org.id, timeZone: input.timeZone });
  return { timeZone: updated.timezone };
}
