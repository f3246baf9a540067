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
          { field: "ownerId", before: null, after: w.agent.id, afterLabel: "Aisha Khan" },
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
    await prisma.contactIdentity.create({ data: { organizationId: w.organizationId, contactId: survivor.id, kind: "EMAIL", value: duplicate.email! } });
    expect((await manager.contact.duplicates({ id: survivor.id })).map((d) => d.id)).toEqual([duplicate.id]);
    await manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    expect(await manager.contact.duplicates({ id: survivor.id })).toEqual([]);
  });
});

describe("contact.merge with a choice per field", () => {
  test("the duplicate's phone and email are kept as secondary identities of the survivor and shown on its profile", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const { survivor, duplicate } = await pair(w);
    await prisma.contact.update({ where: { id: survivor.id }, data: { email: "priya.sharma@example.com" } });

    const summary = await manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    expect(summary.identities).toEqual(
      expect.arrayContaining([
        { kind: "PHONE", value: duplicate.phone },
        { kind: "EMAIL", value: duplicate.email },
      ]),
    );
    const profile = await manager.contact.get({ id: survivor.id });
    expect(profile.contact).toMatchObject({ phone: survivor.phone, email: "priya.sharma@example.com" });
    expect(profile.identities.map((i) => [i.kind, i.value])).toEqual([
      ["PHONE", duplicate.phone],
      ["EMAIL", duplicate.email],
    ]);
  });

  test("each chosen field takes the duplicate's value; the replaced phone and email become secondary; custom fields follow the choice", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const manager = await w.as(w.manager);
    await createCustomField(prisma, { organizationId, key: "experience", label: "Experience", type: "TEXT" });
    await createCustomField(prisma, { organizationId, key: "broker", label: "Broker", type: "TEXT" });
    const company = await prisma.company.create({ data: { organizationId, name: "Zerodha Traders" } });
    const { survivor, duplicate } = await pair(w, { survivor: w.agent.id, duplicate: w.otherAgent.id });
    await prisma.contact.update({
      where: { id: survivor.id },
      data: { email: "old@example.com", stage: "NEW", temperature: "COLD", score: 10, customFields: { experience: "pro", broker: "Upstox" } },
    });
    await prisma.contact.update({
      where: { id: duplicate.id },
      data: { stage: "INTERESTED", temperature: "HOT", score: 80, companyId: company.id, customFields: { experience: "beginner" } },
    });

    const summary = await manager.contact.merge({
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      keep: {
        name: "duplicate",
        phone: "duplicate",
        email: "duplicate",
        stage: "duplicate",
        temperature: "duplicate",
        score: "survivor",
        ownerId: "duplicate",
        customFields: { experience: "duplicate", broker: "duplicate" },
      },
    });

    const after = await prisma.contact.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(after).toMatchObject({
      name: "Priya S",
      phone: duplicate.phone,
      email: duplicate.email,
      stage: "INTERESTED",
      temperature: "HOT",
      score: 10,
      ownerId: w.otherAgent.id,
      companyId: company.id, // left to the default: the survivor had none
      customFields: { experience: "beginner" }, // the duplicate had no broker, and that was chosen
    });
    const identities = await prisma.contactIdentity.findMany({ where: { organizationId, contactId: survivor.id }, orderBy: { kind: "asc" } });
    expect(identities.map((i) => [i.kind, i.value])).toEqual([
      ["PHONE", survivor.phone],
      ["EMAIL", "old@example.com"],
    ]);
    expect(summary.filled).toEqual(
      expect.arrayContaining([
        { field: "name", before: "Priya Sharma", after: "Priya S" },
        { field: "phone", before: survivor.phone, after: duplicate.phone },
        { field: "ownerId", before: w.agent.id, after: w.otherAgent.id, afterLabel: "Rohit Verma" },
        { field: "companyId", before: null, after: company.id, afterLabel: "Zerodha Traders" },
        { field: "customFields.broker", before: "Upstox", after: null },
      ]),
    );
    expect(summary.filled.map((f) => f.field)).not.toContain("score");
  });

  test("a contact changed since the merge page opened is refused and nothing changes", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const { survivor, duplicate } = await pair(w);
    await prisma.contact.update({ where: { id: duplicate.id }, data: { version: 2, name: "Priya Edited" } });
    await expectTRPCError(
      manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 }),
      "CONFLICT",
    );
    expect(await prisma.contact.count({ where: { id: { in: [survivor.id, duplicate.id] } } })).toBe(2);
    expect(await prisma.contactIdentity.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });

  test("two merges of the same pair at once, either way round: one wins, the other is NOT_FOUND, and nothing is lost", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const manager = await w.as(w.manager);
    const admin = await w.as(w.admin);
    for (const direction of ["same", "opposite"] as const) {
      const { survivor, duplicate } = await pair(w);
      await createNote(prisma, { organizationId, contactId: survivor.id, body: "on the survivor" });
      await createNote(prisma, { organizationId, contactId: duplicate.id, body: "on the duplicate" });
      const second =
        direction === "same"
          ? { survivorId: survivor.id, duplicateId: duplicate.id }
          : { survivorId: duplicate.id, duplicateId: survivor.id };
      const outcomes = await Promise.allSettled([
        manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id }),
        admin.contact.merge(second),
      ]);
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(won, direction).toHaveLength(1);
      expect(lost.map((o) => (o.reason as { code?: string }).code), direction).toEqual(["NOT_FOUND"]);
      const left = await prisma.contact.findMany({ where: { id: { in: [survivor.id, duplicate.id] } } });
      expect(left, direction).toHaveLength(1);
      const remaining = left[0]!;
      expect(await prisma.note.count({ where: { organizationId, contactId: remaining.id } }), direction).toBe(2);
      const gone = remaining.id === survivor.id ? duplicate : survivor;
      const identities = await prisma.contactIdentity.findMany({ where: { organizationId, contactId: remaining.id } });
      expect(identities.map((i) => i.value), direction).toContain(gone.phone);
      const events = await prisma.contactEvent.findMany({ where: { organizationId, contactId: remaining.id, type: "MERGED" } });
      expect(events, direction).toHaveLength(1);
    }
  });

  test("another organization's contact can't be merged either way (404) and no row of either organization changes", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const mine = await createContact(prisma, { organizationId: w.organizationId, name: "Priya Sharma", phone: "+919800000001" });
    const theirs = await createContact(prisma, { organizationId: w.b.organization.id, name: "Priya Sharma", phone: "+919800000002" });
    await createNote(prisma, { organizationId: w.b.organization.id, contactId: theirs.id, body: "B's note" });
    const count = async () => ({
      contacts: await prisma.contact.count(),
      notes: await prisma.note.count(),
      events: await prisma.contactEvent.count(),
      identities: await prisma.contactIdentity.count(),
      versions: (await prisma.contact.findMany({ select: { version: true }, orderBy: { id: "asc" } })).map((c) => c.version),
    });
    const before = await count();
    await expectTRPCError(manager.contact.merge({ survivorId: mine.id, duplicateId: theirs.id }), "NOT_FOUND");
    await expectTRPCError(manager.contact.merge({ survivorId: theirs.id, duplicateId: mine.id }), "NOT_FOUND");
    expect(await count()).toEqual(before);
  });
});
