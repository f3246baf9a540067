// The world both contact tenancy suites replay against: organization B with a
// contact carrying everything a contact can have (tag, custom field values,
// note, timeline event, consent, follow-up), and organization A with one member
// of each role, plus someone who belongs to both. Every B row holds a "secret"
// string, so any answer that leaks B's data can be caught by text.
import { expect } from "vitest";
import { prisma } from "~/utils/db.server";
import { addMember, createContact, createOrganization, createTag } from "../../../../prisma/factories";
import {
  createContactEvent,
  createCustomField,
  createFollowUp,
  createNote,
  setConsent,
  tagContact,
} from "../../../../prisma/factories-contact";

export type TenancyWorld = Awaited<ReturnType<typeof buildTenancyWorld>>;

export async function buildTenancyWorld() {
  const a = await createOrganization(prisma, { name: "Org A" });
  const b = await createOrganization(prisma, { name: "Org B", owner: { name: "Bina Secret" } });
  const bId = b.organization.id;
  const bAgent = await addMember(prisma, { organizationId: bId, role: "AGENT", user: { name: "Bob Secret" } });
  const bCompany = await prisma.company.create({ data: { organizationId: bId, name: "B Secret Corp" } });
  const bContact = await createContact(prisma, {
    organizationId: bId,
    name: "B Secret Contact",
    phone: "+919812300001",
    email: "b-secret@example.com",
    ownerId: bAgent.user.id,
  });
  // B's contacts look alike: B Other answers to B Secret Contact's email, kept from a merge.
  const bOther = await createContact(prisma, { organizationId: bId, name: "B Other", phone: "+919812300002" });
  await prisma.contactIdentity.create({ data: { organizationId: bId, contactId: bOther.id, kind: "EMAIL", value: "b-secret@example.com" } });
  const bTag = await createTag(prisma, { organizationId: bId, name: "b-secret-tag" });
  await tagContact(prisma, { organizationId: bId, contactId: bContact.id, tagId: bTag.id, source: "AI", confidence: 0.9 });
  const bField = await createCustomField(prisma, { organizationId: bId, key: "b_secret_field", label: "B Secret Field", type: "TEXT" });
  const bChoice = await createCustomField(prisma, {
    organizationId: bId,
    key: "b_secret_choice",
    label: "B Secret Choice",
    type: "SELECT",
    options: ["b-secret-gold", "b-secret-silver"],
  });
  await prisma.contact.update({
    where: { id: bContact.id },
    data: { customFields: { b_secret_field: "b-secret-value", b_secret_choice: "b-secret-gold" } },
  });
  await createNote(prisma, { organizationId: bId, contactId: bContact.id, body: "b-secret-note" });
  await createContactEvent(prisma, { organizationId: bId, contactId: bContact.id, type: "CREATED", actorLabel: "b-secret-actor" });
  await setConsent(prisma, { organizationId: bId, contactId: bContact.id, channel: "WHATSAPP", status: "OPTED_IN", source: "b-secret-consent" });
  const bFollowUp = await createFollowUp(prisma, {
    organizationId: bId,
    contactId: bContact.id,
    assigneeId: bAgent.user.id,
    dueAt: new Date(),
    note: "b-secret-follow-up",
  });

  const aId = a.organization.id;
  const aContact = await createContact(prisma, { organizationId: aId, name: "A Contact", phone: "+919812300003" });
  const aContact2 = await createContact(prisma, { organizationId: aId, name: "A Contact 2", phone: "+919812300004" });
  const aTag = await createTag(prisma, { organizationId: aId, name: "a-tag" });
  await tagContact(prisma, { organizationId: aId, contactId: aContact.id, tagId: aTag.id });

  const members = {
    OWNER: a.owner,
    MANAGER: (await addMember(prisma, { organizationId: aId, role: "MANAGER" })).user,
    AGENT: (await addMember(prisma, { organizationId: aId, role: "AGENT" })).user,
    VIEWER: (await addMember(prisma, { organizationId: aId, role: "VIEWER" })).user,
  };
  // Someone in both organizations, working in A: B's ids must not work through A either.
  const both = await addMember(prisma, { organizationId: aId, role: "ADMIN" });
  await prisma.membership.create({ data: { organizationId: bId, userId: both.user.id, role: "OWNER" } });

  const secrets = [
    bId,
    bAgent.user.id,
    bCompany.id,
    bContact.id,
    bOther.id,
    bTag.id,
    bField.id,
    bChoice.id,
    bFollowUp.id,
    "B Secret",
    "Bob Secret",
    "b-secret",
    "+919812300001",
  ];
  return { a, b, bAgent, bCompany, bContact, bOther, bTag, bField, bChoice, bFollowUp, aContact, aContact2, aTag, members, both, secrets };
}

/** Every row organization B owns that a contact procedure or page could touch. */
export async function snapshotB(world: TenancyWorld) {
  const organizationId = world.b.organization.id;
  const where = { where: { organizationId } };
  const [contacts, tags, contactTags, notes, events, followUps, consents, fields, companies] = await Promise.all([
    prisma.contact.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.tag.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.contactTag.findMany({ ...where, orderBy: { tagId: "asc" } }),
    prisma.note.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.contactEvent.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.followUp.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.contactConsent.findMany({ ...where, orderBy: { channel: "asc" } }),
    prisma.customFieldDefinition.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.company.findMany({ ...where, orderBy: { id: "asc" } }),
  ]);
  return { contacts, tags, contactTags, notes, events, followUps, consents, fields, companies };
}

/** Fails naming the first of `secrets` found anywhere in `value` (serialized as JSON). */
export function expectNoneOf(value: unknown, secrets: string[]) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  for (const secret of secrets) expect(text, `leaked ${secret}`).not.toContain(secret);
}
