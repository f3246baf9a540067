import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { dayRange } from "~/utils/clock";
import { createContact } from "../../../../prisma/factories";
import { createFollowUp } from "../../../../prisma/factories-contact";

const HOUR = 60 * 60 * 1000;

describe("followUp.create and complete", () => {
  test("schedules for a contact with the due time read in IST, records it on the timeline, and marks it done once", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId: w.organizationId, ownerId: w.agent.id });
    const created = await agent.followUp.create({ contactId: contact.id, kind: "CALL", dueAt: "2030-01-15T16:45", note: "Demo of Scalper Pro" });
    const row = await prisma.followUp.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      organizationId: w.organizationId,
      contactId: contact.id,
      assigneeId: w.agent.id,
      createdById: w.agent.id,
      kind: "CALL",
      status: "PENDING",
      note: "Demo of Scalper Pro",
    });
    expect(row.dueAt.toISOString()).toBe("2030-01-15T11:15:00.000Z");

    expect(await agent.followUp.complete({ id: created.id })).toEqual({ id: created.id, alreadyDone: false });
    expect(await agent.followUp.complete({ id: created.id })).toEqual({ id: created.id, alreadyDone: true });
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      status: "DONE",
      completedById: w.agent.id,
    });
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ["FOLLOW_UP_SCHEDULED", w.agent.id],
      ["FOLLOW_UP_DONE", w.agent.id],
    ]);
    expect(events[0]!.data).toMatchObject({
      followUpId: created.id,
      kind: "CALL",
      dueAt: "2030-01-15T11:15:00.000Z",
      assignee: { id: w.agent.id, name: "Aisha Khan" },
    });
  });

  test("bad input is a field error and nothing is stored; agents assign only themselves; managers anyone in the org", async () => {
    const w = await contactWorld();
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId: w.organizationId });
    const fieldErrors = async (call: Promise<unknown>) => toActionFailure(await expectTRPCError(call, "BAD_REQUEST")).fieldErrors;
    expect(await fieldErrors(agent.followUp.create({ contactId: contact.id, kind: "CALL", dueAt: "next week" }))).toEqual({
      dueAt: "Choose a date and time, like 2026-11-22 15:30",
    });
    // A time already past is a mistake, not an instant "overdue"; a minute ago is still "now".
    const pastMessage = { dueAt: "That time has already passed. Choose a time from now on" };
    expect(await fieldErrors(agent.followUp.create({ contactId: contact.id, kind: "CALL", dueAt: "2020-06-01T10:00" }))).toEqual(pastMessage);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000).toISOString();
    expect(await fieldErrors(agent.followUp.create({ contactId: contact.id, kind: "CALL", dueAt: tenMinutesAgo }))).toEqual(pastMessage);
    expect(
      await fieldErrors(
        agent.followUp.create({ contactId: contact.id, kind: "CALL", dueAt: "2030-01-01T10:00", assigneeId: w.otherAgent.id }),
      ),
    ).toEqual({ assigneeId: "You can schedule follow-ups for yourself only." });
    const manager = await w.as(w.manager);
    expect(
      await fieldErrors(
        manager.followUp.create({ contactId: contact.id, kind: "MESSAGE", dueAt: "2030-01-01T10:00", assigneeId: w.bAgent.id }),
      ),
    ).toEqual({ assigneeId: "Choose a member of this organization" });
    expect(await prisma.followUp.count({ where: { organizationId: w.organizationId } })).toBe(0);

    await manager.followUp.create({ contactId: contact.id, kind: "MESSAGE", dueAt: "2030-01-01T10:00", assigneeId: w.otherAgent.id });
    expect(await prisma.followUp.findFirstOrThrow({ where: { contactId: contact.id } })).toMatchObject({ assigneeId: w.otherAgent.id });
    const aMinuteAgo = new Date(Date.now() - 60 * 1000).toISOString();
    await agent.followUp.create({ contactId: contact.id, kind: "CALL", dueAt: aMinuteAgo, note: "Right now" });
    expect(await prisma.followUp.findMany({ where: { contactId: contact.id, note: "Right now" }, select: { note: true } })).toEqual([{ note: "Right now" }]);
  });

  test("who may schedule and complete", async () => {
    const w = await contactWorld();
    const theirs = await createContact(prisma, { organizationId: w.organizationId, ownerId: w.otherAgent.id });
    const agent = await w.as(w.agent);
    await expectTRPCError(agent.followUp.create({ contactId: theirs.id, kind: "CALL", dueAt: "2030-01-01T10:00" }), "FORBIDDEN");
    const viewer = await w.as(w.viewer);
    await expectTRPCError(viewer.followUp.create({ contactId: theirs.id, kind: "CALL", dueAt: "2030-01-01T10:00" }), "FORBIDDEN");

    // Assigned to the agent on someone else's contact: the assignee may complete it.
    const assigned = await createFollowUp(prisma, { organizationId: w.organizationId, contactId: theirs.id, assigneeId: w.agent.id, dueAt: new Date() });
    const notMine = await createFollowUp(prisma, { organizationId: w.organizationId, contactId: theirs.id, assigneeId: w.otherAgent.id, dueAt: new Date() });
    await expectTRPCError(agent.followUp.complete({ id: notMine.id }), "FORBIDDEN");
    await expectTRPCError(viewer.followUp.complete({ id: assigned.id }), "FORBIDDEN");
    await agent.followUp.complete({ id: assigned.id });
    await (await w.as(w.manager)).followUp.complete({ id: notMine.id });
    expect((await prisma.followUp.findMany({ where: { contactId: theirs.id } })).map((f) => f.status)).toEqual(["DONE", "DONE"]);
  });
});

describe("followUp.cancel", () => {
  test("cancels a pending follow-up once, records who on the timeline, and takes it off the lists", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId, ownerId: w.agent.id, name: "Cancel Person" });
    const { start } = dayRange(new Date(), "Asia/Kolkata");
    const dueToday = await createFollowUp(prisma, { organizationId, contactId: contact.id, assigneeId: w.agent.id, dueAt: start, note: "call-today" });
    const kept = await createFollowUp(prisma, { organizationId, contactId: contact.id, assigneeId: w.agent.id, dueAt: start, note: "still-due" });
    const notes = async (view: "today" | "overdue") => (await agent.followUp.list({ view })).items.map((item) => item.note);
    expect(await notes("today")).toEqual(expect.arrayContaining(["call-today", "still-due"]));

    expect(await agent.followUp.cancel({ id: dueToday.id })).toEqual({ id: dueToday.id, alreadyCancelled: false });
    expect(await agent.followUp.cancel({ id: dueToday.id })).toEqual({ id: dueToday.id, alreadyCancelled: true });
    const row = await prisma.followUp.findUniqueOrThrow({ where: { id: dueToday.id } });
    expect(row).toMatchObject({ status: "CANCELLED", completedById: w.agent.id });
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(await notes("today")).toEqual(["still-due"]);
    expect(await notes("overdue")).toEqual(["still-due"]);

    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([["FOLLOW_UP_CANCELLED", w.agent.id]]);
    expect(events[0]!.data).toEqual({ followUpId: dueToday.id, kind: "CALL", dueAt: start.toISOString(), note: "call-today" });

    // The contact page shows it as cancelled, by whom.
    const profile = await agent.contact.get({ id: contact.id });
    expect(profile.followUps.find((f) => f.id === dueToday.id)).toMatchObject({ status: "CANCELLED", completedBy: { id: w.agent.id, name: "Aisha Khan" } });

    // Only pending ones: a cancelled one can't be done, a done one can't be cancelled.
    await expectTRPCError(agent.followUp.complete({ id: dueToday.id }), "BAD_REQUEST", "This follow-up was cancelled.");
    await agent.followUp.complete({ id: kept.id });
    await expectTRPCError(agent.followUp.cancel({ id: kept.id }), "BAD_REQUEST", "This follow-up is already done, so it can't be cancelled.");
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ status: "DONE" });
    expect(await prisma.contactEvent.count({ where: { contactId: contact.id, type: "FOLLOW_UP_CANCELLED" } })).toBe(1);
  });

  test("who may cancel is who may mark done; bad ids are refused", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const theirs = await createContact(prisma, { organizationId, ownerId: w.otherAgent.id });
    const assigned = await createFollowUp(prisma, { organizationId, contactId: theirs.id, assigneeId: w.agent.id, dueAt: new Date() });
    const notMine = await createFollowUp(prisma, { organizationId, contactId: theirs.id, assigneeId: w.otherAgent.id, dueAt: new Date() });
    const agent = await w.as(w.agent);
    const viewer = await w.as(w.viewer);
    await expectTRPCError(agent.followUp.cancel({ id: notMine.id }), "FORBIDDEN");
    await expectTRPCError(viewer.followUp.cancel({ id: assigned.id }), "FORBIDDEN");
    await expectTRPCError(agent.followUp.cancel({ id: "nope" }), "BAD_REQUEST");
    await expectTRPCError(agent.followUp.cancel({ id: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    expect((await prisma.followUp.findMany({ where: { contactId: theirs.id } })).map((f) => f.status)).toEqual(["PENDING", "PENDING"]);

    await agent.followUp.cancel({ id: assigned.id });
    await (await w.as(w.manager)).followUp.cancel({ id: notMine.id });
    expect(
      (await prisma.followUp.findMany({ where: { contactId: theirs.id }, orderBy: { completedAt: "asc" } })).map((f) => [f.status, f.completedById]),
    ).toEqual([
      ["CANCELLED", w.agent.id],
      ["CANCELLED", w.manager.id],
    ]);
  });
});

describe("follow-up order", () => {
  test("at the same due time the one scheduled first stays first, on the contact page and the Follow-ups list", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const agent = await w.as(w.agent);
    const contact = await createContact(prisma, { organizationId, ownerId: w.agent.id });
    const dueAt = new Date(Date.now() + 3 * 24 * HOUR);
    const base = { organizationId, contactId: contact.id, assigneeId: w.agent.id, createdById: w.agent.id, kind: "CALL" as const, dueAt };
    // Ids are random: the one scheduled later may well have the smaller id.
    await prisma.followUp.create({ data: { ...base, id: "ffffffff-ffff-4fff-8fff-ffffffffffff", note: "first", createdAt: new Date(Date.now() - HOUR) } });
    await prisma.followUp.create({ data: { ...base, id: "00000000-0000-4000-8000-000000000000", note: "second", createdAt: new Date() } });
    await prisma.followUp.create({ data: { ...base, note: "sooner", dueAt: new Date(dueAt.getTime() - HOUR) } });

    const profile = await agent.contact.get({ id: contact.id });
    expect(profile.followUps.map((f) => f.note)).toEqual(["sooner", "first", "second"]);
    const upcoming = await agent.followUp.list({ view: "upcoming" });
    expect(upcoming.items.map((item) => item.note)).toEqual(["sooner", "first", "second"]);
  });
});

describe("followUp.list", () => {
  test("today and overdue use the IST day and now; done ones never show; agents see their own, managers everyone's", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const contact = await createContact(prisma, { organizationId, name: "Due Person" });
    const { start, end } = dayRange(new Date(), "Asia/Kolkata");
    const make = (label: string, dueAt: Date, assigneeId = w.agent.id, status: "PENDING" | "DONE" = "PENDING") =>
      createFollowUp(prisma, { organizationId, contactId: contact.id, assigneeId, dueAt, note: label, status });

    await make("yesterday-last-ms", new Date(start.getTime() - 1));
    await make("today-first-ms", start);
    await make("today-last-ms", new Date(end.getTime() - 1));
    await make("tomorrow-first-ms", end);
    await make("last-week", new Date(start.getTime() - 7 * 24 * HOUR));
    await make("done-today", start, w.agent.id, "DONE");
    await make("colleague-today", new Date(end.getTime() - 2), w.otherAgent.id);
    await createFollowUp(prisma, {
      organizationId: w.b.organization.id,
      contactId: (await createContact(prisma, { organizationId: w.b.organization.id })).id,
      assigneeId: w.bAgent.id,
      dueAt: start,
      note: "org-b",
    });

    const agent = await w.as(w.agent);
    const notes = async (view: "today" | "overdue" | "upcoming", assignee?: "me" | "all", caller = agent) =>
      (await caller.followUp.list({ view, assignee })).items.map((item) => item.note);

    expect(await notes("today")).toEqual(["today-first-ms", "today-last-ms"]);
    // Overdue is anything due before now that isn't done (including earlier today).
    expect(await notes("overdue")).toEqual(["last-week", "yesterday-last-ms", "today-first-ms"]);
    expect(await notes("upcoming")).toEqual(["tomorrow-first-ms"]);
    await expectTRPCError(agent.followUp.list({ view: "today", assignee: "all" }), "FORBIDDEN");

    const manager = await w.as(w.manager);
    expect(await notes("today", undefined, manager)).toEqual(["today-first-ms", "colleague-today", "today-last-ms"]);
    expect(await notes("today", "me", manager)).toEqual([]);
    const listed = await manager.followUp.list({ view: "today" });
    expect(listed.assignee).toBe("all");
    expect(listed.items[0]).toMatchObject({ contact: { id: contact.id, name: "Due Person" }, assignee: { id: w.agent.id, name: "Aisha Khan" } });
    expect(JSON.stringify(listed)).not.toContain("org-b");
  });
});
