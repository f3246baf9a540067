// Every contact command acts inside one organization: given another
// organization's contact, tag or member it answers NOT_FOUND (merge: null) and
// changes nothing of theirs — a job or workflow step can't reach across either.
import { beforeAll, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { userActor, type CommandContext } from "~/services/command.server";
import { addTag } from "~/services/contact/add-tag.server";
import { removeTag } from "~/services/contact/remove-tag.server";
import { changeStage } from "~/services/contact/change-stage.server";
import { changeTemperature } from "~/services/contact/change-temperature.server";
import { setScore } from "~/services/contact/set-score.server";
import { assignOwner } from "~/services/contact/assign-owner.server";
import { addNote } from "~/services/contact/add-note.server";
import { setConsent } from "~/services/contact/set-consent.server";
import { deleteContact } from "~/services/contact/delete-contact.server";
import { mergeContacts } from "~/services/contact/merge-contacts.server";
import type { CommandTx } from "~/services/command.server";
import { addMember, createOrganization, createTag } from "../../../prisma/factories";
import { tagContact } from "../../../prisma/factories-contact";
import { createListContact } from "../../../prisma/factories-contact-list";

let a: CommandContext;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const orgA = await createOrganization(prisma, { name: "Tenancy A" });
  const orgB = await createOrganization(prisma, { name: "Tenancy B" });
  const memberB = await addMember(prisma, { organizationId: orgB.organization.id, role: "AGENT" });
  const tagA = await createTag(prisma, { organizationId: orgA.organization.id, name: "vip" });
  const tagB = await createTag(prisma, { organizationId: orgB.organization.id, name: "secret" });
  const contactA = await createListContact(prisma, { organizationId: orgA.organization.id, name: "A Contact" });
  const contactB = await createListContact(prisma, { organizationId: orgB.organization.id, name: "B Secret", stage: "NEW" });
  await tagContact(prisma, { organizationId: orgB.organization.id, contactId: contactB.id, tagId: tagB.id, source: "AI", confidence: 0.9 });
  return { orgA, orgB, memberB, tagA, tagB, contactA, contactB };
}

beforeAll(async () => {
  world = await buildWorld();
  a = { organizationId: world.orgA.organization.id, actor: userActor(world.orgA.owner.id) };
});

async function snapshotOfB() {
  const contact = await prisma.contact.findUnique({ where: { id: world.contactB.id }, include: { tags: true, notes: true, consents: true } });
  const events = await prisma.contactEvent.count({ where: { contactId: world.contactB.id } });
  return { contact, events };
}

async function expectNotFound(run: (tx: CommandTx) => Promise<unknown>) {
  await expect(prisma.$transaction(run)).rejects.toMatchObject({ code: "NOT_FOUND" });
}

test("another organization's contact is not found by any command, and stays as it was", async () => {
  const before = await snapshotOfB();
  const contactId = world.contactB.id;
  await expectNotFound((tx) => addTag(tx, a, { contactId, tagName: "vip" }));
  await expectNotFound((tx) => removeTag(tx, a, { contactId, tagId: world.tagB.id }));
  await expectNotFound((tx) => changeStage(tx, a, { contactId, stage: "CONVERTED" }));
  await expectNotFound((tx) => changeTemperature(tx, a, { contactId, temperature: "HOT" }));
  await expectNotFound((tx) => setScore(tx, a, { contactId, score: 99 }));
  await expectNotFound((tx) => assignOwner(tx, a, { contactId, ownerId: null }));
  await expectNotFound((tx) => addNote(tx, a, { contactId, body: "Peeking" }));
  await expectNotFound((tx) => setConsent(tx, a, { contactId, channel: "WHATSAPP", status: "OPTED_OUT", reason: "Peeking" }));
  await expectNotFound((tx) => deleteContact(tx, a, { contactId }));
  expect(await prisma.$transaction((tx) => mergeContacts(tx, a, { survivorId: world.contactA.id, duplicateId: contactId }))).toBeNull();
  expect(await snapshotOfB()).toEqual(before);
});

test("another organization's tag or member is not found, and our contact stays as it was", async () => {
  const contactId = world.contactA.id;
  const before = await prisma.contact.findUniqueOrThrow({ where: { id: contactId }, include: { tags: true } });
  await expect(prisma.$transaction((tx) => addTag(tx, a, { contactId, tagId: world.tagB.id }))).rejects.toMatchObject({
    code: "NOT_FOUND",
    message: "Tag not found.",
  });
  await expectNotFound((tx) => removeTag(tx, a, { contactId, tagId: world.tagB.id }));
  await expectNotFound((tx) => assignOwner(tx, a, { contactId, ownerId: world.memberB.user.id }));
  expect(await prisma.contact.findUniqueOrThrow({ where: { id: contactId }, include: { tags: true } })).toEqual(before);
  expect(await prisma.contactTag.count({ where: { tagId: world.tagB.id } })).toBe(1);
  expect(await prisma.contactEvent.count({ where: { contactId } })).toBe(0);
});
