import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact, createTag } from "../../../../prisma/factories";
import {
  createContactEvent,
  createCustomField,
  createFollowUp,
  createNote,
  setConsent,
  tagContact,
} from "../../../../prisma/factories-contact";

type World = Awaited<ReturnType<typeof contactWorld>>;

let pairs = 0;

async function pair(w: World, owners: { survivor?: string | null; duplicate?: string | null } = {}) {
  const organizationId = w.organizationId;
  pairs += 1;
  const last = String(pairs).padStart(2, "0");
  const survivor = await createContact(prisma, {
    organizationId,
    name: "Priya Sharma",
    phone: `+9198765432${last}`,
    email: null,
    ownerId: owners.survivor ?? null,
  });
  const duplicate = await createContact(prisma, {
    organizationId,
    name: "Priya S",
    phone: `+198765432${last}`,
    email: `priya${last}@example.com`,
    ownerId: owners.duplicate ?? null,
  });
  return { survivor, duplicate };
}

async function richDuplicate(w: World) {
  const organizationId = w.organizationId;
  const { survivor, duplicate } = await pair(w, { survivor: null, duplicate: w.agent.id });
  await createCustomField(prisma, { organizationId, key: "tradingview", label: "TradingView username", type: "TEXT" });
  await createCustomField(prisma, { organizationId, key: "experience", label: "Experience", type: "TEXT" });
  await prisma.contact.update({ where: { id: survivor.id }, data: { customFields: { experience: "pro" }, messageCount: 3, amountSpentPaise: 499_900n } });
  await prisma.contact.update({
    where: { id: duplicate.id },
    data: { customFields: { experience: "beginner", tradingview: "priya_tv" }, messageCount: 2, amountSpentPaise: 100n },
  });

  const [vip, options, beginner, webinar] = await Promise.all(
    ["vip", "options-trader", "beginner", "webinar-lead"].map((name) => createTag(prisma, { organizationId, name })),
  );
  await tagContact(prisma, { organizationId, contactId: survivor.id, tagId: vip!.id });
  await tagContact(prisma, { organizationId, contactId: survivor.id, tagId: options!.id, source: "AI", confidence: 0.6 });
  await tagContact(prisma, { organizationId, contactId: survivor.id, tagId: webinar!.id, source: "AI", confidence: 0.5 });
  await tagContact(prisma, { organizationId, contactId: duplicate.id, tagId: options!.id, source: "AI", confidence: 0.9 });
  await tagContact(prisma, { organizationId, contactId: duplicate.id, tagId: beginner!.id, source: "AI", confidence: 0.7 });
  await tagContact(prisma, { organizationId, contactId: duplicate.id, tagId: webinar!.id });

  const old = new Date(Date.UTC(2026, 0, 1));
  const recent = new Date(Date.UTC(2026, 5, 1));
  await setConsent(prisma, { organizationId, contactId: survivor.id, channel: "WHATSAPP", status: "OPTED_IN", changedAt: old, source: "Old form" });
  await setConsent(prisma, { organizationId, contactId: duplicate.id, channel: "WHATSAPP", status: "OPTED_OUT", changedAt: recent, source: "STOP reply" });
  await setConsent(prisma, { organizationId, contactId: survivor.id, channel: "SMS", status: "OPTED_OUT", changedAt: recent, source: "Asked on call" });
  await setConsent(prisma, { organizationId, contactId: duplicate.id, channel: "SMS", status: "OPTED_IN", changedAt: old, source: "Old import" });
  await setConsent(prisma, { organizationId, contactId: duplicate.id, channel: "EMAIL", status: "OPTED_IN", changedAt: old, source: "Newsletter" });

  await createNote(prisma, { organizationId, contactId: duplicate.id, body: "Asked about BankNifty" });
  await createContactEvent(prisma, { organizationId, contactId: duplicate.id, type: "CREATED", actorLabel: "Web form" });
  await createFollowUp(prisma, { organizationId, contactId: duplicate.id, assigneeId: w.agent.id, dueAt: recent });
  const stage =
    (await prisma.dealStage.findFirst({ where: { organizationId } })) ??
    (await prisma.dealStage.create({ data: { organizationId, name: "Qualification", position: 0 } }));
  await prisma.deal.create({ data: { organizationId, title: "Lifetime", valuePaise: 2_499_900n, stageId: stage.id, contactId: duplicate.id, probability: 10 } });
  const form = await prisma.webForm.create({ data: { organizationId, name: "Webinar", key: `form-${duplicate.id}` } });
  await prisma.formSubmission.create({ data: { organizationId, formId: form.id, contactId: duplicate.id, payload: { name: "Priya" } } });
  return { survivor, duplicate, tags: { vip: vip!, options: options!, beginner: beginner!, webinar: webinar! } };
}

describe("contact.merge", () => {
  test("moves everything to the survivor, unites tags and consent, fills empty fields, records MERGED, deletes the duplicate", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const { survivor, duplicate, tags } = await richDuplicate(w);
    const manager = await w.as(w.manager);

    const summary = await manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    expect(summary.moved).toEqual({ events: 1, notes: 1, followUps: 1, deals: 1, submissions: 1, tags: 1, consents: 2 });

    expect(await prisma.contact.findUnique({ where: { id: duplicate.id } })).toBeNull();
    const after = await prisma.contact.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(after).toMatchObject({
      name: "Priya Sharma",
      phone: survivor.phone,
      email: duplicate.email,
      ownerId: w.agent.id,
      customFields: { experience: "pro", tradingview: "priya_tv" },
      messageCount: 5,
      amountSpentPaise: 500_000n,
      version: 2,
      updatedById: w.manager.id,
    });

    const tagRows = await prisma.contactTag.findMany({ where: { contactId: survivor.id } });
    const byTag = Object.fromEntries(tagRows.map((row) => [row.tagId, [row.source, row.confidence]]));
    expect(byTag).toEqual({
      [tags.vip.id]: ["MANUAL", null],
      [tags.options.id]: ["AI", 0.9], // the most confident AI tag
      [tags.beginner.id]: ["AI", 0.7], // only on the duplicate
      [tags.webinar.id]: ["MANUAL", null], // manual on the duplicate beats AI on the survivor
    });

    const consents = await prisma.contactConsent.findMany({ where: { contactId: survivor.id }, orderBy: { channel: "asc" } });
    expect(consents.map((c) => [c.channel, c.status, c.source])).toEqual([
      ["WHATSAPP", "OPTED_OUT", "STOP reply"],
      ["SMS", "OPTED_OUT", "Asked on call"],
      ["EMAIL", "OPTED_IN", "Newsletter"],
    ]);

    const where = { organizationId, contactId: survivor.id };
    expect(await prisma.note.count({ where })).toBe(1);
    expect(await prisma.followUp.count({ where })).toBe(1);
    expect(await prisma.deal.count({ where })).toBe(1);
    expect(await prisma.formSubmission.count({ where })).toBe(1);
    const events = await prisma.contactEvent.findMany({ where, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["CREATED", "MERGED"]);
    expect(events[0]!.data).toMatchObject({ mergedFrom: { id: duplicate.id, name: "Priya S" } });
    expect(events[1]).toMatchObject({
      actorId: w.manager.id,
      data: {
        duplicate: { id: duplicate.id, name: "Priya S", phone: duplicate.phone, email: duplicate.email },
        filled: expect.arrayContaining([
          { field: "email", before: null, after: duplicate.email },
          { field: "ownerId", before: null, after: w.agent.id },
          { field: "customFields.tradingview", before: null, after: "priya_tv" },
        ]),
      },
    });
    // Nothing of the duplicate is left behind.
    for (const table of ["contactEvent", "note", "followUp", "contactTag", "contactConsent"] as const) {
      expect(await (prisma[table] as unknown as { count: (a: unknown) => Promise<number> }).count({ where: { contactId: duplicate.id } })).toBe(0);
    }
  });

  test("an agent may merge two contacts they own, not others; viewers never", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const mine = await pair(w, { survivor: w.agent.id, duplicate: w.agent.id });
    await agent.contact.merge({ survivorId: mine.survivor.id, duplicateId: mine.duplicate.id });
    expect(await prisma.contact.findUnique({ where: { id: mine.duplicate.id } })).toBeNull();

    const mixed = await pair(w, { survivor: w.agent.id, duplicate: w.otherAgent.id });
    await expectTRPCError(agent.contact.merge({ survivorId: mixed.survivor.id, duplicateId: mixed.duplicate.id }), "FORBIDDEN");
    const unassigned = await pair(w, { survivor: null, duplicate: null });
    await expectTRPCError(agent.contact.merge({ survivorId: unassigned.survivor.id, duplicateId: unassigned.duplicate.id }), "FORBIDDEN");
    const viewer = await w.as(w.viewer);
    await expectTRPCError(viewer.contact.merge({ survivorId: unassigned.survivor.id, duplicateId: unassigned.duplicate.id }), "FORBIDDEN");
    expect(await prisma.contact.count({ where: { id: { in: [mixed.duplicate.id, unassigned.duplicate.id] } } })).toBe(2);
  });

  test("merging a contact into itself is refused; a deleted duplicate is NOT_FOUND", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const { survivor, duplicate } = await pair(w);
    await expectTRPCError(manager.contact.merge({ survivorId: survivor.id, duplicateId: survivor.id }), "BAD_REQUEST");
    await manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    await expectTRPCError(manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id }), "NOT_FOUND");
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: survivor.id } })).toMatchObject({ version: 2 });
  });

  test("after a merge the duplicates list no longer shows it", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const { survivor, duplicate } = await pair(w);
    await prisma.contact.update({ where: { id: survivor.id }, data: { email: duplicate.email } });
    expect((await manager.contact.duplicates({ id: survivor.id })).map((d) => d.id)).toEqual([duplicate.id]);
    await manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    expect(await manager.contact.duplicates({ id: survivor.id })).toEqual([]);
  });
});
