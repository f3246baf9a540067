import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteCompanyInput } from "~/trpc/routers/company/delete.schema";
import { COMPANY_NOT_FOUND } from "~/trpc/routers/company/get.handler";
import { deleteCompany, findCompany, unlinkCompanyContacts, unlinkCompanyDeals } from "~/models/company.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { dealCompanyRemovedEvents, touchedContacts } from "~/services/deal/deal-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { roleAtLeast } from "~/utils/permissions";
import { userActor } from "~/services/command.server";

/** A live event carries at most this many contact ids (NOTIFY payloads are small). */
const MAX_IDS_IN_EVENT = 100;

/**
 * Deletes a company. Its contacts and deals stay, unlinked; each contact's
 * timeline says the company went (from the contact, or from its deal), and who removed it.
 */
export async function deleteCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteCompanyInput }) {
  if (!roleAtLeast(ctx.org.role, "MANAGER")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers and above can delete companies." });
  }
  const organizationId = ctx.org.id;
  const company = await findCompany(ctx.db, { organizationId, companyId: input.companyId });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: COMPANY_NOT_FOUND });
  const contactIds = await ctx.db.$transaction(async (tx) => {
    const unlinked = await unlinkCompanyContacts(tx, { organizationId, companyId: company.id, actorId: ctx.user.id });
    await recordContactEvents(
      tx,
      organizationId,
      userActor(ctx.user.id),
      unlinked.map((contactId) => ({
        contactId,
        type: "COMPANY_CHANGED" as const,
        data: { before: { id: company.id, name: company.name }, after: null, reason: "Company deleted" },
      })),
    );
    const deals = await unlinkCompanyDeals(tx, { organizationId, companyId: company.id, actorId: ctx.user.id });
    const dealEvents = dealCompanyRemovedEvents(deals, company);
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), dealEvents);
    const { count } = await deleteCompany(tx, { organizationId, companyId: company.id });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: COMPANY_NOT_FOUND });
    await publishLiveEvent(tx, organizationId, { type: "company.changed", companyId: company.id });
    const touched = [...new Set([...unlinked, ...touchedContacts(dealEvents)])];
    if (touched.length > 0 && touched.length <= MAX_IDS_IN_EVENT) {
      await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: touched });
    }
    return unlinked;
  });
  return { companyId: company.id, unlinkedContacts: contactIds.length };
}
