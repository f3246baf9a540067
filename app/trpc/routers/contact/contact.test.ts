import { TRPCError } from "@trpc/server";
import { describe, expect, test } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { duplicateFrom } from "~/domain/contact/contact-errors";
import { contactWhereSql } from "~/models/contact-query.server";
import { contactFilterSchema } from "~/domain/contact/contact-filter.schema";
import { TIMELINE_PAGE_SIZE } from "~/trpc/routers/contact/timeline.schema";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact, createTag } from "../../../../prisma/factories";
import { createContactEvent, createCustomField, tagContact } from "../../../../prisma/factories-contact";

async function fieldErrorsOf(call: Promise<unknown>) {
  const error = await expectTRPCError(call, "BAD_REQUEST");
  return toActionFailure(error).fieldErrors;
}

async function tradingFields(organizationId: string) {
  const experience = await createCustomField(prisma, {
    organizationId,
    key: "trading_experience",
    label: "Trading experience",
    type: "SELECT",
    options: ["beginner", "intermediate", "pro"],
  });
  const capital = await createCustomField(prisma, { organizationId, key: "capital", label: "Capital", type: "NUMBER" });
  const since = await createCustomField(prisma, { organizationId, key: "trading_since", label: "Trading since", type: "DATE" });
  const tv = await createCustomField(prisma, { organizationId, key: "tradingview", label: "TradingView username", type: "TEXT" });
  return { experience, capital, since, tv };
}

function eventsOf(contactId: string) {
  return prisma.contactEvent.findMany({ where: { contactId }, orderBy: [{ createdAt: "asc" }, { type: "asc" }] });
}

describe("contact.create", () => {
  test("normalizes the phone; the same number in another format is the same person (CONFLICT with the existing id)", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.agent);
    const created = await caller.contact.create({ name: "Priya Sharma", phone: "098765-43210", email: "Priya@Example.COM" });
    const row = await prisma.contact.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      phone: "+919876543210",
      email: "priya@example.com",
      source: "MANUAL",
      stage: "NEW",
      temperature: "COLD",
      score: 0,
      version: 1,
      updatedById: w.agent.id,
    });

    for (const phone of ["+91 98765 43210", "98765 43210", "9876543210", "+919876543210"]) {
      const error = await expectTRPCError(caller.contact.create({ name: "Someone Else", phone }), "CONFLICT", /Priya Sharma/);
      expect(duplicateFrom(error)).toEqual({ id: created.id, name: "Priya Sharma", field: "phone" });
    }
    const byEmail = await expectTRPCError(
      caller.contact.create({ name: "Other", phone: "91234 56789", email: " PRIYA@example.com " }),
      "CONFLICT",
    );
    expect(duplicateFrom(byEmail)).toEqual({ id: created.id, name: "Priya Sharma", field: "email" });
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(1);
  });

  test("records CREATED on the timeline, sets activity and announces the change", async () => {
    const w = await contactWorld();
    const caller = await w.as(w.manager);
    const created = await caller.contact.create({
      name: "Rahul Mehta",
      phone: "+91 99887 76655",
      source: "WHATSAPP",
      stage: "ENGAGED",
      temperature: "HOT",
      score: 72,
      ownerId: w.agent.id,
    });
    const events = await eventsOf(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "CREATED",
      actorId: w.manager.id,
      data: { source: "WHATSAPP", stage: "ENGAGED", temperature: "HOT", score: 72, owner: { id: w.agent.id, name: "Aisha Khan" } },
    });
  });

  test("an invalid phone, email, score or custom field value is a field error and nothing is saved", async () => {
    const w = await contactWorld();
    await tradingFields(w.organizationId);
    const caller = await w.as(w.agent);

    expect(await fieldErrorsOf(caller.contact.create({ name: "X", phone: "12345" }))).toEqual({
      phone: "Enter a valid phone number, like 98765 43210",
    });
    expect(await fieldErrorsOf(caller.contact.create({ name: "X", phone: "98765 43210", email: "not-an-email" }))).toEqual({
      email: "Enter a valid email address, like priya@example.com",
    });
    expect(await fieldErrorsOf(caller.contact.create({ name: " ", phone: "98765 43210", score: 101 }))).toMatchObject({
      name: "Enter a name",
      score: "Enter a score from 0 to 100",
    });
    const custom = await fieldErrorsOf(
      caller.contact.create({
        name: "X",
        phone: "98765 43210",
        customFields: { trading_experience: "expert", capital: "lots", trading_since: "2026-02-30", tradingview: "ok" },
      }),
    );
    expect(custom).toEqual({
      "customFields.trading_experience": "Choose one of: beginner, intermediate, pro",
      "customFields.capital": "Capital must be a number, like 42 or 3.5",
      "customFields.trading_since": "Trading since must be a date like 2026-11-22",
    });
    expect(
      await fieldErrorsOf(caller.contact.create({ name: "X", phone: "98765 43210", customFields: { tradingview: "x".repeat(501) } })),
    ).toEqual({ "customFields.tradingview": "Use at most 500 characters" });
    expect(
      await fieldErrorsOf(caller.contact.create({ name: "X", phone: "98765 43210", customFields: { no_such_field: "1" } })),
    ).toEqual({ "customFields.no_such_field": "This field no longer exists. Reload the page." });

    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(0);
    expect(await prisma.contactEvent.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });

  test("custom field values are stored as normalized strings under their keys, so the list's equality filter finds them", async () => {
    const w = await contactWorld();
    await tradingFields(w.organizationId);
    const caller = await w.as(w.agent);
    const created = await caller.contact.create({
      name: "Kavya Iyer",
      phone: "98450 12345",
      customFields: { trading_experience: "PRO", capital: "1,50,000", trading_since: "2021-04-01", tradingview: "  kavya_fx " },
    });
    const row = await prisma.contact.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.customFields).toEqual({
      trading_experience: "pro",
      capital: "150000",
      trading_since: "2021-04-01",
      tradingview: "kavya_fx",
    });
    const filter = contactFilterSchema.parse({ cf: { trading_experience: "pro", capital: "150000" } });
    const where = contactWhereSql({ organizationId: w.organizationId, userId: w.agent.id, timeZone: "Asia/Kolkata" }, filter);
    const found = await prisma.$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT c."id" FROM "Contact" c WHERE ${where}`);
    expect(found.map((r) => r.id)).toEqual([created.id]);
  });

  test("owner and company must belong to the organization; agents assign only themselves", async () => {
    const w = await contactWorld();
    const bCompany = await prisma.company.create({ data: { organizationId: w.b.organization.id, name: "B Corp" } });
    const aCompany = await prisma.company.create({ data: { organizationId: w.organizationId, name: "A Traders" } });
    const agent = await w.as(w.agent);
    expect(await fieldErrorsOf(agent.contact.create({ name: "X", phone: "98765 43210", ownerId: w.otherAgent.id }))).toEqual({
      ownerId: "You can assign contacts to yourself or leave them unassigned.",
    });
    const manager = await w.as(w.manager);
    expect(await fieldErrorsOf(manager.contact.create({ name: "X", phone: "98765 43210", ownerId: w.bAgent.id }))).toEqual({
      ownerId: "Choose a member of this organization",
    });
    expect(await fieldErrorsOf(manager.contact.create({ name: "X", phone: "98765 43210", companyId: bCompany.id }))).toEqual({
      companyId: "Choose one of your companies",
    });
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(0);
    const ok = await agent.contact.create({ name: "X", phone: "98765 43210", ownerId: w.agent.id, companyId: aCompany.id });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: ok.id } })).toMatchObject({
      ownerId: w.agent.id,
      companyId: aCompany.id,
    });
  });

  test("two people adding the same number at once: one wins, the other hears who has it", async () => {
    const w = await contactWorld();
    const [agent, manager] = [await w.as(w.agent), await w.as(w.manager)];
    const results = await Promise.allSettled([
      agent.contact.create({ name: "First Try", phone: "98989 89898" }),
      manager.contact.create({ name: "Second Try", phone: "+91 98989-89898" }),
    ]);
    const won = results.filter((r): r is PromiseFulfilledResult<{ id: string; name: string; version: number }> => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as TRPCError).code).toBe("CONFLICT");
    expect(duplicateFrom(lost[0]!.reason)?.id).toBe(won[0]!.value.id);
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(1);
  });

  test("a VIEWER may not create contacts", async () => {
    const w = await contactWorld();
    await expectTRPCError((await w.as(w.viewer)).contact.create({ name: "X", phone: "98765 43210" }), "FORBIDDEN");
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });
});

describe("contact.update", () => {
  test("records every change with before and after, bumps the version and sets who and when", async () => {
    const w = await contactWorld();
    await tradingFields(w.organizationId);
    const company = await prisma.company.create({ data: { organizationId: w.organizationId, name: "Nifty Traders LLP" } });
    const manager = await w.as(w.manager);
    const { id } = await manager.contact.create({ name: "Priya Sharma", phone: "98765 43210", ownerId: w.agent.id });
    const before = await prisma.contact.findUniqueOrThrow({ where: { id } });

    const result = await manager.contact.update({
      id,
      version: 1,
      name: "Priya S. Sharma",
      email: "priya@example.com",
      stage: "INTERESTED",
      temperature: "HOT",
      score: 80,
      ownerId: w.otherAgent.id,
      companyId: company.id,
      customFields: { trading_experience: "beginner" },
    });
    expect(result).toEqual({ id, version: 2, changed: true });
    const after = await prisma.contact.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      name: "Priya S. Sharma",
      email: "priya@example.com",
      stage: "INTERESTED",
      temperature: "HOT",
      score: 80,
      ownerId: w.otherAgent.id,
      companyId: company.id,
      customFields: { trading_experience: "beginner" },
      version: 2,
      updatedById: w.manager.id,
    });
    expect(after.lastActivityAt.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt.getTime());

    const events = (await eventsOf(id)).filter((event) => event.type !== "CREATED");
    const byType = Object.fromEntries(events.map((event) => [event.type, event.data]));
    expect(events.every((event) => event.actorId === w.manager.id)).toBe(true);
    expect(byType).toEqual({
      UPDATED: {
        changes: [
          { field: "name", before: "Priya Sharma", after: "Priya S. Sharma" },
          { field: "email", before: null, after: "priya@example.com" },
        ],
      },
      STAGE_CHANGED: { field: "stage", before: "NEW", after: "INTERESTED" },
      TEMPERATURE_CHANGED: { field: "temperature", before: "COLD", after: "HOT" },
      SCORE_CHANGED: { field: "score", before: 0, after: 80 },
      OWNER_CHANGED: {
        field: "owner",
        before: { id: w.agent.id, name: "Aisha Khan" },
        after: { id: w.otherAgent.id, name: "Rohit Verma" },
      },
      COMPANY_CHANGED: { before: null, after: { id: company.id, name: "Nifty Traders LLP" } },
      CUSTOM_FIELD_CHANGED: { key: "trading_experience", label: "Trading experience", before: null, after: "beginner" },
    });

    // Clearing: "" / null empties a field; an unchanged save writes nothing.
    await manager.contact.update({ id, version: 2, email: null, customFields: { trading_experience: "" }, companyId: "" });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({
      email: null,
      companyId: null,
      customFields: {},
      version: 3,
    });
    expect(await manager.contact.update({ id, version: 3, name: "Priya S. Sharma", stage: "INTERESTED" })).toEqual({
      id,
      version: 3,
      changed: false,
    });
  });

  test("every change is announced to the organization as contact.changed", async () => {
    const w = await contactWorld();
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(w.organizationId, (event) => events.push(event));
    try {
      const manager = await w.as(w.manager);
      const { id } = await manager.contact.create({ name: "Live Person", phone: "98123 45678" });
      await manager.contact.update({ id, version: 1, temperature: "HOT" });
      await manager.contact.addNote({ id, body: "live" });
      await expect.poll(() => events.filter((e) => e.type === "contact.changed").length).toBe(3);
      expect(events).toContainEqual({ type: "contact.changed", contactIds: [id] });
    } finally {
      await unsubscribe();
    }
  });

  test("two saves from the same version: the second is refused with who changed it and when, and changes nothing", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const manager = await w.as(w.manager);
    const { id } = await agent.contact.create({ name: "Arjun Nair", phone: "98111 22233", ownerId: w.agent.id });

    await manager.contact.update({ id, version: 1, stage: "NEGOTIATION" });
    const error = await expectTRPCError(agent.contact.update({ id, version: 1, stage: "CHURNED", name: "Arjun N." }), "CONFLICT");
    expect(error.message).toMatch(
      /^Changed by Priya Sharma at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2}\s?(am|pm) IST — reload to see their changes\.$/,
    );
    expect(await prisma.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({
      stage: "NEGOTIATION",
      name: "Arjun Nair",
      version: 2,
    });
    expect((await eventsOf(id)).map((event) => event.type).sort()).toEqual(["CREATED", "STAGE_CHANGED"]);
    // With the version they reload, the agent's save goes through.
    await agent.contact.update({ id, version: 2, stage: "CHURNED" });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({ stage: "CHURNED", version: 3 });
  });

  test("two saves racing from the same version: exactly one wins", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const admin = await w.as(w.admin);
    const { id } = await manager.contact.create({ name: "Meera Das", phone: "98222 33344" });
    const results = await Promise.allSettled([
      manager.contact.update({ id, version: 1, score: 10 }),
      admin.contact.update({ id, version: 1, score: 90 }),
      manager.contact.update({ id, version: 1, temperature: "WARM" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const rejected of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(rejected.reason).toBeInstanceOf(TRPCError);
      expect((rejected.reason as TRPCError).code).toBe("CONFLICT");
    }
    expect((await prisma.contact.findUniqueOrThrow({ where: { id } })).version).toBe(2);
  });

  test("a phone or email that another contact has is refused with a link to it", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const first = await manager.contact.create({ name: "Isha Joshi", phone: "98333 44455", email: "isha@example.com" });
    const second = await manager.contact.create({ name: "Karan Rao", phone: "98444 55566" });
    const error = await expectTRPCError(manager.contact.update({ id: second.id, version: 1, phone: "+91 98333-44455" }), "CONFLICT");
    expect(duplicateFrom(error)?.id).toBe(first.id);
    const byEmail = await expectTRPCError(manager.contact.update({ id: second.id, version: 1, email: "ISHA@example.com" }), "CONFLICT");
    expect(duplicateFrom(byEmail)?.id).toBe(first.id);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      phone: "+919844455566",
      email: null,
      version: 1,
    });
    // Saving its own number again is not a duplicate.
    await expect(manager.contact.update({ id: first.id, version: 1, phone: "98333 44455" })).resolves.toMatchObject({ changed: false });
  });

  test("invalid values are field errors and change nothing", async () => {
    const w = await contactWorld();
    await tradingFields(w.organizationId);
    const manager = await w.as(w.manager);
    const { id } = await manager.contact.create({ name: "Sneha Reddy", phone: "98555 66677" });
    expect(await fieldErrorsOf(manager.contact.update({ id, version: 1, phone: "98" }))).toEqual({
      phone: "Enter a valid phone number, like 98765 43210",
    });
    expect(await fieldErrorsOf(manager.contact.update({ id, version: 1, email: "sneha@" }))).toEqual({
      email: "Enter a valid email address, like priya@example.com",
    });
    expect(await fieldErrorsOf(manager.contact.update({ id, version: 1, stage: "CONVERTED", customFields: { capital: "1e999" } }))).toEqual({
      "customFields.capital": "Capital must be a number, like 42 or 3.5",
    });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({ stage: "NEW", version: 1, customFields: {} });
    expect(await prisma.contactEvent.count({ where: { contactId: id } })).toBe(1);
  });

  test("agents change their own and unassigned contacts only; viewers none; managers any", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const mine = await manager.contact.create({ name: "Mine", phone: "98666 77788", ownerId: w.agent.id });
    const theirs = await manager.contact.create({ name: "Theirs", phone: "98666 77789", ownerId: w.otherAgent.id });
    const nobodys = await manager.contact.create({ name: "Nobody's", phone: "98666 77790" });
    const agent = await w.as(w.agent);

    await expectTRPCError(agent.contact.update({ id: theirs.id, version: 1, stage: "ENGAGED" }), "FORBIDDEN");
    await expectTRPCError(agent.contact.addNote({ id: theirs.id, body: "sneaky" }), "FORBIDDEN");
    await expectTRPCError(agent.contact.addTag({ id: theirs.id, name: "vip" }), "FORBIDDEN");
    await expectTRPCError(agent.contact.setConsent({ id: theirs.id, channel: "SMS", status: "OPTED_OUT", reason: "asked" }), "FORBIDDEN");
    await agent.contact.update({ id: mine.id, version: 1, stage: "ENGAGED" });
    await agent.contact.update({ id: nobodys.id, version: 1, ownerId: w.agent.id });
    expect(await fieldErrorsOf(agent.contact.update({ id: mine.id, version: 2, ownerId: w.otherAgent.id }))).toEqual({
      ownerId: "You can assign contacts to yourself or leave them unassigned.",
    });

    const viewer = await w.as(w.viewer);
    await expectTRPCError(viewer.contact.update({ id: nobodys.id, version: 2, stage: "ENGAGED" }), "FORBIDDEN");
    await expectTRPCError(viewer.contact.addNote({ id: nobodys.id, body: "hi" }), "FORBIDDEN");
    await expect(viewer.contact.get({ id: theirs.id })).resolves.toMatchObject({ permissions: { canEdit: false } });

    await manager.contact.update({ id: theirs.id, version: 1, ownerId: w.agent.id });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ ownerId: w.agent.id, version: 2 });
    expect(await prisma.note.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });
});

describe("contact.get and contact.timeline", () => {
  test("the profile carries owner, company, tags (AI with confidence), consent, custom fields and follow-ups", async () => {
    const w = await contactWorld();
    const { experience } = await tradingFields(w.organizationId);
    const company = await prisma.company.create({ data: { organizationId: w.organizationId, name: "Sensex Club" } });
    const manager = await w.as(w.manager);
    const { id } = await manager.contact.create({
      name: "Rohan Gupta",
      phone: "98777 88899",
      ownerId: w.agent.id,
      companyId: company.id,
      customFields: { trading_experience: "pro" },
    });
    const vip = await createTag(prisma, { organizationId: w.organizationId, name: "vip", color: "amber" });
    const options = await createTag(prisma, { organizationId: w.organizationId, name: "options-trader", color: "violet" });
    await tagContact(prisma, { organizationId: w.organizationId, contactId: id, tagId: vip.id });
    await tagContact(prisma, { organizationId: w.organizationId, contactId: id, tagId: options.id, source: "AI", confidence: 0.87 });
    await manager.contact.setConsent({ id, channel: "WHATSAPP", status: "OPTED_IN", reason: "Said yes on the call" });
    await manager.contact.addNote({ id, body: "Prefers evening calls" });

    const profile = await manager.contact.get({ id });
    expect(profile.contact).toMatchObject({
      id,
      name: "Rohan Gupta",
      phone: "+919877788899",
      owner: { id: w.agent.id, name: "Aisha Khan" },
      company: { id: company.id, name: "Sensex Club" },
      version: 1,
      amountSpentPaise: 0,
    });
    expect(profile.tags).toEqual([
      { id: options.id, name: "options-trader", color: "violet", source: "AI", confidence: 0.87 },
      { id: vip.id, name: "vip", color: "amber", source: "MANUAL", confidence: null },
    ]);
    expect(profile.consents.map((c) => [c.channel, c.status])).toEqual([
      ["WHATSAPP", "OPTED_IN"],
      ["SMS", null],
      ["EMAIL", null],
    ]);
    expect(profile.customFields.find((f) => f.id === experience.id)).toMatchObject({ value: "pro", options: ["beginner", "intermediate", "pro"] });
    expect(profile.notesCount).toBe(1);
    expect(profile.permissions).toEqual({ canEdit: true, canAssignAnyone: true, canMergeAny: true, canDelete: true });
    expect(JSON.stringify(profile)).not.toContain(w.b.organization.id);
  });

  test("the timeline pages newest first with who did it", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const contact = await createContact(prisma, { organizationId: w.organizationId, name: "Timeline Person" });
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < TIMELINE_PAGE_SIZE + 5; i += 1) {
      await createContactEvent(prisma, {
        organizationId: w.organizationId,
        contactId: contact.id,
        type: "TAG_ADDED",
        actorLabel: "Import",
        data: { tagName: `t${i}` },
        createdAt: new Date(base + i * 60_000),
      });
    }
    // Two events at the very same moment still page without overlap.
    await createContactEvent(prisma, { organizationId: w.organizationId, contactId: contact.id, type: "NOTE_ADDED", actorId: w.manager.id, createdAt: new Date(base - 1) });
    await createContactEvent(prisma, { organizationId: w.organizationId, contactId: contact.id, type: "NOTE_ADDED", actorId: w.manager.id, createdAt: new Date(base - 1) });

    const first = await manager.contact.timeline({ id: contact.id });
    expect(first.items).toHaveLength(TIMELINE_PAGE_SIZE);
    expect(first.items[0]).toMatchObject({ type: "TAG_ADDED", actorLabel: "Import", data: { tagName: `t${TIMELINE_PAGE_SIZE + 4}` } });
    expect(first.nextCursor).not.toBeNull();
    const second = await manager.contact.timeline({ id: contact.id, before: first.nextCursor! });
    expect(second.items).toHaveLength(7);
    expect(second.items.slice(-2).map((e) => e.actor?.name)).toEqual(["Priya Sharma", "Priya Sharma"]);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(TIMELINE_PAGE_SIZE + 7);
    await expectTRPCError(manager.contact.timeline({ id: contact.id, before: "garbage" }), "BAD_REQUEST");
  });
});

describe("notes, tags and consent", () => {
  test("a note is stored as written and shows on the timeline", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId: w.organizationId });
    const body = `<script>alert("x")</script>\nPrefers Hindi`;
    await agent.contact.addNote({ id: contact.id, body });
    expect(await prisma.note.findFirstOrThrow({ where: { contactId: contact.id } })).toMatchObject({ body, authorId: w.agent.id });
    const { items } = await agent.contact.timeline({ id: contact.id });
    expect(items[0]).toMatchObject({ type: "NOTE_ADDED", actor: { id: w.agent.id, name: "Aisha Khan" }, data: { body } });
    expect(await fieldErrorsOf(agent.contact.addNote({ id: contact.id, body: "   " }))).toEqual({ body: "Write a note" });
  });

  test("tags: add by name (new or existing, any case), AI tags become manual when confirmed, remove records it", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId: w.organizationId });
    const added = await agent.contact.addTag({ id: contact.id, name: "  VIP " });
    expect(added).toMatchObject({ name: "vip", added: true });
    expect(await agent.contact.addTag({ id: contact.id, name: "vip" })).toMatchObject({ added: false });
    expect(await prisma.tag.count({ where: { organizationId: w.organizationId } })).toBe(1);

    const ai = await createTag(prisma, { organizationId: w.organizationId, name: "hot-lead" });
    await tagContact(prisma, { organizationId: w.organizationId, contactId: contact.id, tagId: ai.id, source: "AI", confidence: 0.6 });
    await agent.contact.addTag({ id: contact.id, name: "hot-lead" });
    expect(
      await prisma.contactTag.findUniqueOrThrow({
        where: { organizationId_contactId_tagId: { organizationId: w.organizationId, contactId: contact.id, tagId: ai.id } },
      }),
    ).toMatchObject({ source: "MANUAL", confidence: null });

    await agent.contact.removeTag({ id: contact.id, tagId: added.tagId });
    expect(await prisma.contactTag.count({ where: { contactId: contact.id } })).toBe(1);
    await expectTRPCError(agent.contact.removeTag({ id: contact.id, tagId: added.tagId }), "NOT_FOUND");
    const types = (await eventsOf(contact.id)).map((event) => [event.type, (event.data as { tagName?: string }).tagName]);
    expect(types).toEqual(
      expect.arrayContaining([
        ["TAG_ADDED", "vip"],
        ["TAG_ADDED", "hot-lead"],
        ["TAG_REMOVED", "vip"],
      ]),
    );
    expect(types).toHaveLength(3);
  });

  test("consent per channel: who, when, how and why", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId: w.organizationId, ownerId: w.agent.id });
    await agent.contact.setConsent({ id: contact.id, channel: "WHATSAPP", status: "OPTED_IN", reason: "Filled the webinar form" });
    await agent.contact.setConsent({ id: contact.id, channel: "WHATSAPP", status: "OPTED_OUT", reason: "Asked us to stop on a call" });
    const consent = await prisma.contactConsent.findUniqueOrThrow({
      where: { organizationId_contactId_channel: { organizationId: w.organizationId, contactId: contact.id, channel: "WHATSAPP" } },
    });
    expect(consent).toMatchObject({ status: "OPTED_OUT", source: "Manual by Aisha Khan", changedById: w.agent.id });
    const events = (await eventsOf(contact.id)).filter((event) => event.type === "CONSENT_CHANGED").map((event) => event.data);
    expect(events).toEqual(
      expect.arrayContaining([
        { channel: "WHATSAPP", before: null, after: "OPTED_IN", source: "Manual by Aisha Khan", reason: "Filled the webinar form" },
        { channel: "WHATSAPP", before: "OPTED_IN", after: "OPTED_OUT", source: "Manual by Aisha Khan", reason: "Asked us to stop on a call" },
      ]),
    );
    expect(await fieldErrorsOf(agent.contact.setConsent({ id: contact.id, channel: "SMS", status: "OPTED_OUT", reason: "" }))).toEqual({
      reason: "Say why consent changed (at least 3 characters)",
    });
    expect(await prisma.contactConsent.count({ where: { contactId: contact.id } })).toBe(1);
  });
});

describe("contact.duplicates", () => {
  test("lists contacts with the same email or the same last 10 digits", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const main = await createContact(prisma, { organizationId: w.organizationId, phone: "+919876543210", email: "same@example.com" });
    // An email belongs to one contact; another may still answer to it as a secondary email (kept from a merge).
    const sameEmail = await createContact(prisma, { organizationId: w.organizationId, phone: "+919000000001" });
    await prisma.contactIdentity.create({ data: { organizationId: w.organizationId, contactId: sameEmail.id, kind: "EMAIL", value: "same@example.com" } });
    const sameDigits = await createContact(prisma, { organizationId: w.organizationId, phone: "+19876543210" });
    await createContact(prisma, { organizationId: w.organizationId, phone: "+919876543211" });
    await createContact(prisma, { organizationId: w.b.organization.id, phone: "+449876543210", email: "same@example.com" });
    const found = await manager.contact.duplicates({ id: main.id });
    expect(found.map((d) => [d.id, d.matchedOn]).sort()).toEqual(
      [
        [sameEmail.id, "email"],
        [sameDigits.id, "phone"],
      ].sort(),
    );
    expect(found.every((d) => d.canMerge)).toBe(true);
  });
});
