import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DealFormOptionsInput } from "~/trpc/routers/deal/form-options.schema";
import { contactOptions, findContactRef } from "~/models/deal.server";
import { listCompanyOptions } from "~/models/company.server";
import { ensureDefaultPipeline, listStages } from "~/models/deal-stage.server";
import { listMembers } from "~/models/membership.server";

export const CONTACT_OPTIONS = 30;
export const COMPANY_OPTIONS = 500;

/** The choices the deal form offers, all from this organization. */
export async function dealFormOptionsHandler({ ctx, input }: { ctx: OrgScopedContext; input: DealFormOptionsInput }) {
  const organizationId = ctx.org.id;
  await ensureDefaultPipeline(ctx.db, { organizationId });
  const [stages, companies, members, contacts, chosen] = await Promise.all([
    listStages(ctx.db, { organizationId }),
    listCompanyOptions(ctx.db, { organizationId, take: COMPANY_OPTIONS }),
    listMembers(ctx.db, { organizationId }),
    contactOptions(ctx.db, { organizationId, userId: ctx.user.id, timeZone: ctx.org.timeZone, q: input.contactQ, take: CONTACT_OPTIONS }),
    input.contactId ? findContactRef(ctx.db, { organizationId, contactId: input.contactId }) : null,
  ]);
  const contactList = contacts.map((contact) => ({ id: contact.id, name: contact.name, phone: contact.phone }));
  if (chosen && !contactList.some((contact) => contact.id === chosen.id)) {
    contactList.unshift({ id: chosen.id, name: chosen.name, phone: chosen.phone });
  }
  return {
    stages: stages.map((stage) => ({ id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability })),
    companies,
    members: members.map((member) => ({ id: member.user.id, name: member.user.name })),
    contacts: contactList,
  };
}
