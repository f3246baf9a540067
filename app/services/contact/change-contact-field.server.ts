// The one-contact form of a field change (stage, temperature, score, owner),
// shared by the commands named after each; the rules are in contact-field-rules.
import type { Prisma } from "~/generated/prisma/client";
import { findContact, findUserName, updateContactAtVersion } from "~/models/contact.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { fieldChangeEvent, type ContactField, type ContactFieldValues } from "~/services/contact/contact-field-rules.server";
import { contactChangedMeanwhile, contactNotFound } from "~/services/contact/contact-not-found.server";

const COLUMNS = { stage: "stage", temperature: "temperature", score: "score", owner: "ownerId" } as const;

export type FieldChangeInput<F extends ContactField> = {
  contactId: string;
  after: ContactFieldValues[F];
  /** The version the person saw; a change based on an older one is refused (CONFLICT). */
  expectedVersion?: number;
};

export type FieldChangeResult<F extends ContactField> = {
  contactId: string;
  name: string;
  before: ContactFieldValues[F];
  after: ContactFieldValues[F];
  /** The contact's version after the command. */
  version: number;
  changed: boolean;
};

async function currentValue<F extends ContactField>(
  tx: CommandTx,
  contact: NonNullable<Awaited<ReturnType<typeof findContact>>>,
  field: F,
): Promise<ContactFieldValues[F]> {
  if (field !== "owner") return contact[COLUMNS[field as Exclude<ContactField, "owner">]] as ContactFieldValues[F];
  const owner = contact.ownerId ? await findUserName(tx, { userId: contact.ownerId }) : null;
  return (owner ? { id: owner.id, name: owner.name } : null) as ContactFieldValues[F];
}

export async function changeContactField<F extends ContactField>(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  field: F,
  input: FieldChangeInput<F>,
): Promise<FieldChangeResult<F>> {
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw contactNotFound();
  if (input.expectedVersion !== undefined && input.expectedVersion !== contact.version) {
    throw await contactChangedMeanwhile(tx, contact);
  }
  const before = await currentValue(tx, contact, field);
  const event = fieldChangeEvent(contact.id, field, before, input.after);
  const result = { contactId: contact.id, name: contact.name, before, after: input.after };
  if (!event) return { ...result, version: contact.version, changed: false };

  const value = field === "owner" ? ((input.after as ContactFieldValues["owner"])?.id ?? null) : input.after;
  const written = await updateContactAtVersion(tx, {
    organizationId,
    id: contact.id,
    version: contact.version,
    data: { [COLUMNS[field]]: value, updatedById: actor.userId } as Prisma.ContactUncheckedUpdateManyInput,
  });
  if (written === 0) {
    // Someone saved between our read and our write.
    const latest = await findContact(tx, { organizationId, id: contact.id });
    if (!latest) throw contactNotFound();
    throw await contactChangedMeanwhile(tx, latest);
  }
  await recordContactEvents(tx, organizationId, actor, [event]);
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { ...result, version: contact.version + 1, changed: true };
}
