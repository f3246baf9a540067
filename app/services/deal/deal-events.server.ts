// What a deal change puts on contact timelines. A deal's events go on the
// timeline of the contact it is linked to (after the change); when the link
// moves, the old contact gets DEAL_UNLINKED and the new one DEAL_LINKED. A deal
// without a contact records nothing. Every event carries `dealId` and the
// deal's title at the time, so the deal page can show the same history.
import type { Prisma } from "~/generated/prisma/client";
import type { DealDetail } from "~/models/deal.server";
import type { ContactEventInput } from "~/services/contact-events.server";
import type { DealChangeField } from "~/utils/contact-event";

type DealChange = { field: DealChangeField; before: string | number | null; after: string | number | null };

const person = (value: { id: string; name: string } | null) => (value ? { id: value.id, name: value.name } : null);

const dateOnly = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

function about(deal: DealDetail) {
  return { dealId: deal.id, title: deal.title };
}

/** The deal as it stands: value, stage and probability. */
function snapshot(deal: DealDetail) {
  return { ...about(deal), valuePaise: deal.valuePaise.toString(), stage: deal.stage.name, probability: deal.probability };
}

export function dealCreatedEvents(deal: DealDetail): ContactEventInput[] {
  return deal.contactId ? [{ contactId: deal.contactId, type: "DEAL_CREATED", data: snapshot(deal) }] : [];
}

export function dealDeletedEvents(deal: DealDetail): ContactEventInput[] {
  return deal.contactId ? [{ contactId: deal.contactId, type: "DEAL_DELETED", data: snapshot(deal) }] : [];
}

/** Fields changed between two versions of a deal; the probability only when the stage stayed (a move reports it). */
function fieldChanges(before: DealDetail, after: DealDetail): DealChange[] {
  const changes: DealChange[] = [];
  const compare = (field: DealChangeField, was: string | number | null, now: string | number | null, same = was === now) => {
    if (!same) changes.push({ field, before: was, after: now });
  };
  compare("title", before.title, after.title);
  compare("value", before.valuePaise.toString(), after.valuePaise.toString());
  if (before.stageId === after.stageId) compare("probability", before.probability, after.probability);
  compare("expectedCloseDate", dateOnly(before.expectedCloseDate), dateOnly(after.expectedCloseDate));
  compare("company", before.company?.name ?? null, after.company?.name ?? null, before.companyId === after.companyId);
  compare("owner", before.owner?.name ?? null, after.owner?.name ?? null, before.ownerId === after.ownerId);
  return changes;
}

/** The timeline events for a saved change of a deal (an edit, a move, anything else). */
export function dealChangeEvents(before: DealDetail, after: DealDetail): ContactEventInput[] {
  const events: ContactEventInput[] = [];
  if (before.contactId !== after.contactId) {
    if (before.contact) {
      events.push({
        contactId: before.contact.id,
        type: "DEAL_UNLINKED",
        data: { ...about(after), contact: person(before.contact), to: person(after.contact) },
      });
    }
    if (after.contact) {
      events.push({
        contactId: after.contact.id,
        type: "DEAL_LINKED",
        data: { ...snapshot(after), contact: person(after.contact), from: person(before.contact) },
      });
    }
  }
  const contactId = after.contactId;
  if (!contactId) return events;

  const changes = fieldChanges(before, after);
  if (changes.length > 0) {
    events.push({ contactId, type: "DEAL_UPDATED", data: { ...about(after), changes } as Prisma.InputJsonObject });
  }
  if (before.stageId !== after.stageId) {
    const type = after.stage.kind === "WON" ? "DEAL_WON" : after.stage.kind === "LOST" ? "DEAL_LOST" : "DEAL_STAGE_CHANGED";
    events.push({
      contactId,
      type,
      data: {
        ...about(after),
        valuePaise: after.valuePaise.toString(),
        before: before.stage.name,
        after: after.stage.name,
        reopened: before.stage.kind !== "OPEN" && after.stage.kind === "OPEN",
        probability: { before: before.probability, after: after.probability },
      },
    });
  }
  return events;
}

/** Deals that lost their company because it was deleted: an edit of each deal that has a contact. */
export function dealCompanyRemovedEvents(
  deals: Array<{ id: string; title: string; contactId: string | null }>,
  company: { name: string },
): ContactEventInput[] {
  return deals.flatMap((deal) =>
    deal.contactId
      ? [
          {
            contactId: deal.contactId,
            type: "DEAL_UPDATED" as const,
            data: {
              dealId: deal.id,
              title: deal.title,
              changes: [{ field: "company", before: company.name, after: null }],
              reason: "Company deleted",
            },
          },
        ]
      : [],
  );
}

/** The contacts whose timelines `events` touch (for the live refresh of their pages). */
export function touchedContacts(events: ContactEventInput[]): string[] {
  return [...new Set(events.map((event) => event.contactId))];
}
