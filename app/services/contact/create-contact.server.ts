// Adds one contact by hand (the new-contact page, the API). A contact is known
// by a phone, an email, or both; each belongs to one contact of the
// organization, so a phone or email someone already has is refused with a link
// to them. Imports and website forms add contacts through contact-intake instead.
import type { ContactSource, ContactStage, Temperature } from "~/generated/prisma/enums";
import { insertContact } from "~/models/contact.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import {
  assertNoDuplicate,
  checkedPhone,
  isIdentityUniqueViolation,
  resolveCompany,
  resolveCustomFields,
  resolveOwner,
} from "~/services/contact/contact-references.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { PHONE_OR_EMAIL_MESSAGE } from "~/domain/contact/contact-fields.schema";

/** What contact.create's schema gives: the phone already in E.164 (checked again here), the email lowercased. */
export type CreateContactInput = {
  name: string;
  phone?: string | null;
  email?: string | null;
  source: ContactSource;
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  ownerId?: string | null;
  companyId?: string | null;
  customFields: Record<string, string | null>;
};

export type CreatedContact = { id: string; name: string; version: number };

/**
 * Writes the contact, its CREATED event and the live event. Who may add contacts and
 * whom an agent may make the owner are the caller's checks. Runs in the caller's
 * transaction; on a refusal it has written nothing.
 */
export async function createContact(tx: CommandTx, { organizationId, actor }: CommandContext, input: CreateContactInput): Promise<CreatedContact> {
  const phone = input.phone ? checkedPhone(input.phone) : null;
  const email = input.email ?? null;
  if (!phone && !email) throw fieldErrors({ phone: PHONE_OR_EMAIL_MESSAGE });
  const owner = await resolveOwner(tx, { organizationId }, input.ownerId ?? null);
  const company = await resolveCompany(tx, { organizationId }, input.companyId ?? null);
  await assertNoDuplicate(tx, { organizationId }, { phone, email });
  // Checked inside the transaction that saves them (see lockCustomFieldsShared).
  const { values: customFields } = await resolveCustomFields(tx, { organizationId }, {}, input.customFields);

  // Two people adding the same phone or email at once: the unique index decides. A savepoint keeps
  // the caller's transaction usable, so the loser hears who won rather than "transaction aborted".
  await tx.$executeRaw`SAVEPOINT create_contact`;
  let created: CreatedContact;
  try {
    created = await insertContact(tx, {
      organizationId,
      name: input.name,
      phone,
      email,
      source: input.source,
      stage: input.stage,
      temperature: input.temperature,
      score: input.score,
      ownerId: owner?.id ?? null,
      companyId: company?.id ?? null,
      customFields,
      updatedById: actor.userId,
      lastActivityAt: new Date(),
    });
  } catch (error) {
    if (!isIdentityUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT create_contact`;
    await assertNoDuplicate(tx, { organizationId }, { phone, email });
    throw error;
  }
  await tx.$executeRaw`RELEASE SAVEPOINT create_contact`;
  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: created.id,
      type: "CREATED",
      data: {
        source: input.source,
        stage: input.stage,
        temperature: input.temperature,
        score: input.score,
        owner: owner ? { id: owner.id, name: owner.name } : null,
        company: company ? { id: company.id, name: company.name } : null,
      },
    },
  ]);
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [created.id] });
  return created;
}
