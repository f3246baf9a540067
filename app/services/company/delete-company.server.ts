// Deleting a company. Its contacts and deals stay, unlinked; each contact's
// timeline says the company went (from the contact, or from its deal), and who removed it.
import { deleteCompany as deleteCompanyRow, unlinkCompanyContacts, unlinkCompanyDeals } from "~/models/company.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { companyNotFound, loadCompany } from "~/services/company/company-refs.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { dealCompanyRemovedEvents, touchedContacts } from "~/services/deal/deal-events.server";
import { publishLiveEvent } from "~/services/live-events.server";

/** A live event carries at most this many contact ids (NOTIFY payloads are small). */
const MAX_IDS_IN_EVENT = 100;

export async function deleteCompany(tx: CommandTx, { organizationId, actor }: CommandContext, { companyId }: { companyId: string }) {
  const company = await loadCompany(tx, { organizationId, companyId });
  const unlinked = await unlinkCompanyContacts(tx, { organizationId, companyId: company.id, actorId: actor.userId });
  await recordContactEvents(
    tx,
    organizationId,
    actor,
    unlinked.map((contactId) => ({
      contactId,
      type: "COMPANY_CHANGED" as const,
      data: { before: { id: company.id, name: company.name }, after: null, reason: "Company deleted" },
    })),
  );
  const deals = await unlinkCompanyDeals(tx, { organizationId, companyId: company.id, actorId: actor.userId });
  const dealEvents = dealCompanyRemovedEvents(deals, company);
  await recordContactEvents(tx, organizationId, actor, dealEvents);
  const { count } = await deleteCompanyRow(tx, { organizationId, companyId: company.id });
  if (count === 0) throw companyNotFound();
  await publishLiveEvent(tx, organizationId, { type: "company.changed", companyId: company.id });
  const touched = [...new Set([...unlinked, ...touchedContacts(dealEvents)])];
  if (touched.length > 0 && touched.length <= MAX_IDS_IN_EVENT) {
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: touched });
  }
  return { companyId: company.id, unlinkedContacts: unlinked.length };
}
