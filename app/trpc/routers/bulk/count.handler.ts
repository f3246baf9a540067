import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { BulkCountInput } from "~/trpc/routers/bulk/count.schema";
import { findContactIdsInOrganization, countContacts } from "~/models/contact-list.server";

/** How many of the organization's contacts a selection holds (0 for another organization's ids). */
export async function bulkCountHandler({ ctx, input }: { ctx: OrgScopedContext; input: BulkCountInput }) {
  if ("ids" in input.selection) {
    const ids = await findContactIdsInOrganization(ctx.db, { organizationId: ctx.org.id, ids: [...new Set(input.selection.ids)] });
    return { count: ids.length };
  }
  if (!input.selection.filter) throw new TRPCError({ code: "BAD_REQUEST", message: "Select some contacts." });
  const count = await countContacts(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id, timeZone: ctx.org.timeZone }, input.selection.filter);
  return { count };
}
