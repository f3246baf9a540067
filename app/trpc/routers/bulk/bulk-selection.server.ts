// Turns a requested selection into one the organization owns: ids narrowed to
// its contacts (another organization's ids simply are not there), "owner: me"
// replaced by the requester so a job can evaluate the filter later.
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { BulkSelection } from "~/domain/bulk/bulk-run.schema";
import { findContactIdsInOrganization } from "~/models/contact-list.server";
import type { BulkSelectionInput } from "~/services/bulk-contacts.server";

export async function resolveSelection(ctx: OrgScopedContext, selection: BulkSelection): Promise<BulkSelectionInput> {
  if ("ids" in selection) {
    const ids = await findContactIdsInOrganization(ctx.db, { organizationId: ctx.org.id, ids: [...new Set(selection.ids)] });
    if (ids.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "None of the selected contacts were found." });
    return { ids };
  }
  const { filter } = selection;
  return { filter: { ...filter, owner: filter.owner === "me" ? ctx.user.id : filter.owner } };
}
