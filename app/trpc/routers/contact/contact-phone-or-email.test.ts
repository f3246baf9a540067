// A contact is known by a phone, an email, or both (contact.create, contact.update and the
// commands behind them): each belongs to one contact of an organization, the email in any case.
import { TRPCError } from "@trpc/server";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { duplicateFrom } from "~/domain/contact/contact-errors";
import { PHONE_MESSAGE, PHONE_OR_EMAIL_MESSAGE } from "~/domain/contact/contact-fields.schema";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { contactListSchema } from "~/domain/contact/contact-filter.schema";
import { createContact as createContactCommand } from "~/services/contact/create-contact.server";
import { systemActor } from "~/services/command.server";
import { createContact } from "../../../../prisma/factories";

async function fieldErrorsOf(call: Promise<unknown>) {
  const error = await expectTRPCError(call, "BAD_REQUEST");
  return toActionFailure(error).fieldErrors;
}

/** Rows of every table a contact write can touch, in one organization. */
async function rowCounts(organizationId: string) {
  const where = { organizationId };
  const [contacts, events, tags, identities, searchWords, companies, notes, followUps] = await Promise.all([
    prisma.contact.count({ where }),
    prisma.contactEvent.count({ where }),
    prisma.contactTag.count({ where }),
    prisma.contactIdentity.count({ where }),
    prisma.contactSearchWord.count({ where }),
    prisma.company.count({ where }),
    prisma.note.count({ where }),
    prisma.followUp.count({ where }),
  ]);
  return { contacts, events, tags, identities, searchWords, companies, notes, followUps };
}

describe("contact.create with a phone or an email", () => {
  test("an email alone makes a contact, with its CREATED event; neither is refused with one clear message", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.agent);
    const created = await caller.contact.create({ name: "Meera Iyer", email: " Meera@Example.IN " });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      phone: null,
      email: "meera@example.in",
      version: 1,
      updatedById: w.agent.id,
    });
    expect((await prisma.contactEvent.findMany({ where: { contactId: created.id } })).map((event) => event.type)).toEqual(["CREATED"]);
    // The contact page shows it without a phone.
    const profile = await caller.contact.get({ id: created.id });
    expect(profile.contact).toMatchObject({ phone: null, phoneIsLandline: false, email: "meera@example.in" });

    const before = await rowCounts(w.organizationId);
    expect(await fieldErrorsOf(caller.contact.create({ name: "Nobody" }))).toEqual({ phone: PHONE_OR_EMAIL_MESSAGE });
    expect(await fieldErrorsOf(caller.contact.create({ name: "Nobody", phone: "", email: "" }))).toEqual({ phone: PHONE_OR_EMAIL_MESSAGE });
    expect(await rowCounts(w.organizationId)).toEqual(before);
  });

  test("a second contact with the same email, in any case, is refused with a link to the first and writes nothing", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.manager);
    const first = await caller.contact.create({ name: "Meera Iyer", email: "meera@example.in" });
    const before = await rowCounts(w.organizationId);
    for (const input of [
      { name: "Meera Again", email: "MEERA@example.in" },
      { name: "Meera With Phone", phone: "98765 43210", email: "Meera@Example.in" },
    ]) {
      const error = await expectTRPCError(caller.contact.create(input), "CONFLICT", "Meera Iyer already has this email address.");
      expect(duplicateFrom(error)).toEqual({ id: first.id, name: "Meera Iyer", field: "email" });
    }
    expect(await rowCounts(w.organizationId)).toEqual(before);
  });

  test("two people adding the same email at once: the unique index decides, the loser hears who has it", async () => {
    const w = await contactWorld();
    const [agent, manager] = [await w.as(w.agent), await w.as(w.manager)];
    const results = await Promise.allSettled([
      agent.contact.create({ name: "First Try", email: "race@example.in" }),
      manager.contact.create({ name: "Second Try", email: "RACE@example.in" }),
    ]);
    const won = results.filter((r): r is PromiseFulfilledResult<{ id: string; name: string; version: number }> => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect((lost[0]!.reason as TRPCError).code).toBe("CONFLICT");
    expect(duplicateFrom(lost[0]!.reason)).toMatchObject({ id: won[0]!.value.id, field: "email" });
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(1);
  });

  test("another organization's contact with the same email neither collides nor shows", async () => {
    const w = await contactWorld();
    const theirs = await createContact(prisma, { organizationId: w.b.organization.id, name: "B Secret Meera", phone: null, email: "meera@example.in" });
    const caller = await w.as(w.agent);
    const mine = await caller.contact.create({ name: "Meera Iyer", email: "meera@example.in" });
    expect(mine.id).not.toBe(theirs.id);
    const duplicates = await caller.contact.duplicates({ id: mine.id });
    expect(JSON.stringify(duplicates)).not.toContain(theirs.id);
    const found = await caller.contacts.list(contactListSchema.parse({ filter: { q: "meera@example.in" } }));
    expect(found.rows.map((row) => row.id)).toEqual([mine.id]);
    expect(JSON.stringify(found)).not.toContain("B Secret");
    // And B's id through A's session is NOT_FOUND, its data untouched.
    await expectTRPCError(caller.contact.update({ id: theirs.id, version: 1, email: "taken@example.in" }), "NOT_FOUND");
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ email: "meera@example.in", version: 1 });
  });

  test("the server checks the phone with full metadata: a number only the browser's metadata accepts is a field error", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.agent);
    const before = await rowCounts(w.organizationId);
    // 040 (Hyderabad) numbers never continue with a 1: the small metadata only knows the length.
    expect(await fieldErrorsOf(caller.contact.create({ name: "Landline", phone: "040 1234 5678" }))).toEqual({ phone: PHONE_MESSAGE });
    expect(await rowCounts(w.organizationId)).toEqual(before);
    // A job calling the command directly gets the same refusal.
    await expect(
      prisma.$transaction((tx) =>
        createContactCommand(tx, { organizationId: w.organizationId, actor: systemActor("Test job") }, {
          name: "Landline",
          phone: "+914012345678",
          source: "MANUAL",
          stage: "NEW",
          temperature: "COLD",
          score: 0,
          customFields: {},
        }),
      ),
    ).rejects.toThrow(TRPCError);
    expect(await rowCounts(w.organizationId)).toEqual(before);
  });
});

describe("contact.update with a phone or an email", () => {
  test("the phone may be cleared while an email remains; clearing the last one is refused and changes nothing", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.manager);
    const created = await caller.contact.create({ name: "Ravi", phone: "98765 43210", email: "ravi@example.in" });
    const saved = await caller.contact.update({ id: created.id, version: 1, phone: "" });
    expect(saved).toMatchObject({ version: 2, changed: true });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ phone: null, email: "ravi@example.in" });
    const updated = await prisma.contactEvent.findFirstOrThrow({ where: { contactId: created.id, type: "UPDATED" } });
    expect(updated.data).toEqual({ changes: [{ field: "phone", before: "+919876543210", after: null }] });

    const before = await rowCounts(w.organizationId);
    expect(await fieldErrorsOf(caller.contact.update({ id: created.id, version: 2, email: "" }))).toEqual({ email: PHONE_OR_EMAIL_MESSAGE });
    expect(await fieldErrorsOf(caller.contact.update({ id: created.id, version: 2, phone: "", email: "" }))).toEqual({ phone: PHONE_OR_EMAIL_MESSAGE });
    expect(await rowCounts(w.organizationId)).toEqual(before);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ version: 2, email: "ravi@example.in" });
  });

  test("taking another contact's email, in any case, is refused like a phone, with a link to it", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.manager);
    const meera = await caller.contact.create({ name: "Meera Iyer", email: "meera@example.in" });
    const ravi = await caller.contact.create({ name: "Ravi", phone: "98765 43210" });
    const before = await rowCounts(w.organizationId);
    const error = await expectTRPCError(caller.contact.update({ id: ravi.id, version: 1, email: "Meera@Example.IN" }), "CONFLICT");
    expect(duplicateFrom(error)).toEqual({ id: meera.id, name: "Meera Iyer", field: "email" });
    expect(await rowCounts(w.organizationId)).toEqual(before);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: ravi.id } })).toMatchObject({ email: null, version: 1 });
  });
});

describe("contact.merge without a phone", () => {
  test("an email-only survivor takes the duplicate's phone; keeping neither phone nor email is refused and changes nothing", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.manager);
    const survivor = await caller.contact.create({ name: "Meera Iyer", email: "meera@example.in" });
    const duplicate = await caller.contact.create({ name: "Meera I", phone: "98765 43210" });
    const before = await rowCounts(w.organizationId);
    expect(
      await fieldErrorsOf(caller.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id, keep: { phone: "survivor", email: "duplicate" } })),
    ).toEqual({ phone: PHONE_OR_EMAIL_MESSAGE });
    expect(await rowCounts(w.organizationId)).toEqual(before);

    await caller.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: survivor.id } })).toMatchObject({ phone: "+919876543210", email: "meera@example.in" });
    expect(await prisma.contact.count({ where: { id: duplicate.id } })).toBe(0);
    expect(await prisma.contactIdentity.count({ where: { contactId: survivor.id } })).toBe(0);
  });

  test("a survivor keeping its email and no phone answers to the duplicate's phone as a secondary one", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.manager);
    const survivor = await caller.contact.create({ name: "Meera Iyer", email: "meera@example.in" });
    const duplicate = await caller.contact.create({ name: "Meera I", phone: "98765 43210" });
    await caller.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id, keep: { phone: "survivor" } });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: survivor.id } })).toMatchObject({ phone: null, email: "meera@example.in" });
    expect(await prisma.contactIdentity.findMany({ where: { contactId: survivor.id }, select: { kind: true, value: true } })).toEqual([
      { kind: "PHONE", value: "+919876543210" },
    ]);
    // Adding that number again is refused as the survivor's.
    const error = await expectTRPCError(caller.contact.create({ name: "Again", phone: "+91 98765 43210" }), "CONFLICT");
    expect(duplicateFrom(error)).toMatchObject({ id: survivor.id, field: "phone" });
  });
});
