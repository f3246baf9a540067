// bulk.run / bulk.count / bulk.get and the contacts_bulk_apply job against a
// real database: every action on ids and on a filter, the synchronous path
// and the job path (the task function run directly), re-runs and crashes that
// must not double anything, permissions and tenant isolation.
import type { JobHelpers } from "graphile-worker";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError, type TestCaller } from "~/testing/caller";
import { contactFilterSchema, type ContactFilter } from "~/domain/contact/contact-filter.schema";
import { bulkFormSchema, bulkOp, bulkOpToCommand } from "~/domain/bulk/bulk-form.schema";
import { describeBulkResult } from "~/domain/bulk/bulk-command";
import { Prisma } from "~/generated/prisma/client";
import { BULK_SYNC_LIMIT, runBulkOperation } from "~/services/bulk-contacts.server";
import { planIdRanges, rangeScope } from "~/services/bulk-contacts-sql.server";
import { JobStoppedError } from "~/services/job-stopped";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import contactsBulkApply from "../../../../jobs/tasks/contacts_bulk_apply";
import { addMember, createOrganization, createTag } from "../../../../prisma/factories";
import { createListContact, insertManyContacts, type ListContactInput } from "../../../../prisma/factories-contact-list";

const helpers = {
  logger: { debug() {}, info() {}, warn() {}, error() {}, scope: () => helpers.logger },
  job: { id: "1", attempts: 1, max_attempts: 10 },
} as unknown as JobHelpers & { logger: unknown };

type World = Awaited<ReturnType<typeof buildWorld>>;
let world: World;
let owner: TestCaller;
let manager: TestCaller;
let agent: TestCaller;
let viewer: TestCaller;
let ownerB: TestCaller;

async function buildWorld() {
  const a = await createOrganization(prisma, { name: "Bulk A", owner: { name: "Priya Owner" } });
  const b = await createOrganization(prisma, { name: "Bulk B", owner: { name: "Bala Owner" } });
  const orgA = a.organization.id;
  const orgB = b.organization.id;
  const managerA = await addMember(prisma, { organizationId: orgA, role: "MANAGER", user: { name: "Manoj Manager" } });
  const agentA = await addMember(prisma, { organizationId: orgA, role: "AGENT", user: { name: "Aisha Agent" } });
  const viewerA = await addMember(prisma, { organizationId: orgA, role: "VIEWER", user: { name: "Vikas Viewer" } });
  const agentB = await addMember(prisma, { organizationId: orgB, role: "AGENT", user: { name: "Bobby Agent" } });
  const vipA = await createTag(prisma, { organizationId: orgA, name: "vip" });
  const vipB = await createTag(prisma, { organizationId: orgB, name: "vip" });
  const bContacts = [];
  for (let i = 0; i < 3; i += 1) {
    bContacts.push(
      await createListContact(prisma, { organizationId: orgB, name: `B Secret ${i}`, stage: "NEW", temperature: "COLD", tagIds: [vipB.id] }),
    );
  }
  return { a, b, orgA, orgB, managerA, agentA, viewerA, agentB, vipA, vipB, bContacts };
}

beforeAll(async () => {
  world = await buildWorld();
  owner = (await callerFor(world.a.owner, { organizationId: world.orgA })).caller;
  manager = (await callerFor(world.managerA.user, { organizationId: world.orgA })).caller;
  agent = (await callerFor(world.agentA.user, { organizationId: world.orgA })).caller;
  viewer = (await callerFor(world.viewerA.user, { organizationId: world.orgA })).caller;
  ownerB = (await callerFor(world.b.owner, { organizationId: world.orgB })).caller;
});

/** A snapshot of everything of B's a bulk action could touch. */
async function snapshotB() {
  const organizationId = world.orgB;
  return {
    contacts: await prisma.contact.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    tags: await prisma.contactTag.findMany({ where: { organizationId }, orderBy: [{ contactId: "asc" }, { tagId: "asc" }] }),
    events: await prisma.contactEvent.count({ where: { organizationId } }),
    operations: await prisma.bulkOperation.count({ where: { organizationId } }),
  };
}

/** Contacts in A for one test, tagged with a fresh marker so the test can filter to exactly them. */
async function batchOfContacts(count: number, data: Partial<Omit<ListContactInput, "organizationId">> = {}) {
  const marker = await createTag(prisma, { organizationId: world.orgA });
  const contacts = [];
  for (let i = 0; i < count; i += 1) {
    contacts.push(
      await createListContact(prisma, { organizationId: world.orgA, ...data, tagIds: [marker.id, ...(data.tagIds ?? [])] }),
    );
  }
  return { marker, contacts, filter: filterOf({ tag: [marker.id] }) };
}

function filterOf(filter: Record<string, unknown>): ContactFilter {
  return contactFilterSchema.parse(filter);
}

async function events(contactIds: string[], type?: string) {
  return prisma.contactEvent.findMany({ where: { contactId: { in: contactIds }, ...(type ? { type } : {}) }, orderBy: { createdAt: "asc" } });
}

describe("bulk.run on selected ids (applied at once)", () => {
  test("change stage: only contacts not already there change; timeline has before/after", async () => {
    const { contacts } = await batchOfContacts(3, { stage: "NEW" });
    await prisma.contact.update({ where: { id: contacts[2]!.id }, data: { stage: "INTERESTED" } });
    const ids = contacts.map((contact) => contact.id);
    const result = await manager.bulk.run({ selection: { ids }, action: "changeStage", params: { stage: "INTERESTED" } });
    expect(result).toMatchObject({ mode: "sync", status: "COMPLETED", total: 3, changed: 2 });
    expect(result.message).toBe("Moved 2 contacts to Interested; 1 was already there.");

    const rows = await prisma.contact.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    expect(rows.every((row) => row.stage === "INTERESTED")).toBe(true);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(contacts[0]!.id)).toMatchObject({ version: 2, updatedById: world.managerA.user.id });
    expect(byId.get(contacts[2]!.id)!.version).toBe(1);

    const timeline = await events(ids);
    expect(timeline).toHaveLength(2);
    for (const event of timeline) {
      expect(event).toMatchObject({
        organizationId: world.orgA,
        type: "STAGE_CHANGED",
        actorId: world.managerA.user.id,
        data: { field: "stage", before: "NEW", after: "INTERESTED", bulkOperationId: result.operationId },
      });
    }
    const operation = await prisma.bulkOperation.findUniqueOrThrow({ where: { id: result.operationId } });
    expect(operation).toMatchObject({
      organizationId: world.orgA,
      createdById: world.managerA.user.id,
      action: "changeStage",
      status: "COMPLETED",
      total: 3,
      processed: 3,
      changed: 2,
    });
  });

  test("change temperature", async () => {
    const { contacts } = await batchOfContacts(2, { temperature: "COLD" });
    const ids = contacts.map((contact) => contact.id);
    const result = await owner.bulk.run({ selection: { ids }, action: "changeTemperature", params: { temperature: "HOT" } });
    expect(result.message).toBe("Marked 2 contacts Hot.");
    expect((await prisma.contact.findMany({ where: { id: { in: ids } } })).map((row) => row.temperature)).toEqual(["HOT", "HOT"]);
    expect((await events(ids, "TEMPERATURE_CHANGED")).map((event) => event.data)).toEqual([
      expect.objectContaining({ field: "temperature", before: "COLD", after: "HOT" }),
      expect.objectContaining({ field: "temperature", before: "COLD", after: "HOT" }),
    ]);
  });

  test("add tag: counts those that already had it manually, confirms an AI tag, and does not add it twice", async () => {
    const { contacts } = await batchOfContacts(4);
    await prisma.contactTag.create({ data: { organizationId: world.orgA, contactId: contacts[0]!.id, tagId: world.vipA.id, source: "AI", confidence: 0.7 } });
    await prisma.contactTag.create({ data: { organizationId: world.orgA, contactId: contacts[3]!.id, tagId: world.vipA.id, source: "MANUAL" } });
    const ids = contacts.map((contact) => contact.id);
    const result = await manager.bulk.run({ selection: { ids }, action: "addTag", params: { tagId: world.vipA.id } });
    expect(result).toMatchObject({ total: 4, changed: 3 });
    expect(result.message).toBe("Added tag vip to 3 contacts; 1 already had it.");
    const tags = await prisma.contactTag.findMany({ where: { tagId: world.vipA.id, contactId: { in: ids } }, orderBy: { contactId: "asc" } });
    expect(tags).toHaveLength(4);
    // The AI tag someone already had is confirmed, as on the contact page.
    expect(tags.find((tag) => tag.contactId === contacts[0]!.id)).toMatchObject({ source: "MANUAL", confidence: null });
    const added = await events(ids, "TAG_ADDED");
    expect(added.map((event) => event.contactId).sort()).toEqual([contacts[0]!.id, contacts[1]!.id, contacts[2]!.id].sort());
    expect(added.find((event) => event.contactId === contacts[0]!.id)!.data).toMatchObject({
      tagId: world.vipA.id,
      tagName: "vip",
      source: "MANUAL",
      confirmedAiTag: true,
      aiConfidence: 0.7,
    });
    expect(added.find((event) => event.contactId === contacts[1]!.id)!.data).not.toHaveProperty("confirmedAiTag");
    // Tags are not field edits: no contact's version moves, so open edits don't conflict.
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contacts[1]!.id } })).version).toBe(1);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contacts[0]!.id } })).version).toBe(1);
  });

  test("add tag by name creates the tag", async () => {
    const { contacts } = await batchOfContacts(2);
    const ids = contacts.map((contact) => contact.id);
    const result = await manager.bulk.run({ selection: { ids }, action: "addTag", params: { tagName: "  Webinar-Nov " } });
    expect(result.message).toBe("Added tag webinar-nov to 2 contacts.");
    const tag = await prisma.tag.findUniqueOrThrow({ where: { organizationId_name: { organizationId: world.orgA, name: "webinar-nov" } } });
    expect(await prisma.contactTag.count({ where: { tagId: tag.id } })).toBe(2);
  });

  test("remove tag", async () => {
    const { contacts } = await batchOfContacts(3);
    for (const contact of contacts.slice(0, 2)) {
      await prisma.contactTag.create({ data: { organizationId: world.orgA, contactId: contact.id, tagId: world.vipA.id } });
    }
    const ids = contacts.map((contact) => contact.id);
    const result = await manager.bulk.run({ selection: { ids }, action: "removeTag", params: { tagId: world.vipA.id } });
    expect(result.message).toBe("Removed tag vip from 2 contacts; 1 didn't have it.");
    expect(await prisma.contactTag.count({ where: { tagId: world.vipA.id, contactId: { in: ids } } })).toBe(0);
    expect(await events(ids, "TAG_REMOVED")).toHaveLength(2);
  });

  test("assign an owner, then unassign", async () => {
    const { contacts } = await batchOfContacts(2, { ownerId: world.agentA.user.id });
    const ids = contacts.map((contact) => contact.id);
    const assigned = await manager.bulk.run({ selection: { ids }, action: "assignOwner", params: { ownerId: world.managerA.user.id } });
    expect(assigned.message).toBe("Assigned 2 contacts to Manoj Manager.");
    expect((await prisma.contact.findMany({ where: { id: { in: ids } } })).map((row) => row.ownerId)).toEqual([
      world.managerA.user.id,
      world.managerA.user.id,
    ]);
    const timeline = await events(ids, "OWNER_CHANGED");
    // The same shape as a change on the contact page: owners as { id, name }.
    expect(timeline[0]!.data).toMatchObject({
      field: "owner",
      before: { id: world.agentA.user.id, name: "Aisha Agent" },
      after: { id: world.managerA.user.id, name: "Manoj Manager" },
    });
    const unassigned = await manager.bulk.run({ selection: { ids }, action: "assignOwner", params: { ownerId: null } });
    expect(unassigned.message).toBe("Unassigned 2 contacts.");
    expect((await prisma.contact.findMany({ where: { id: { in: ids } } })).every((row) => row.ownerId === null)).toBe(true);
    expect(await events(ids, "OWNER_CHANGED")).toHaveLength(4);
  });

  test("delete removes the contacts and what hangs off them", async () => {
    const { contacts } = await batchOfContacts(2, { tagIds: [world.vipA.id] });
    const keep = await createListContact(prisma, { organizationId: world.orgA });
    const ids = contacts.map((contact) => contact.id);
    await prisma.note.create({ data: { organizationId: world.orgA, contactId: ids[0]!, body: "hello" } });
    const result = await manager.bulk.run({ selection: { ids }, action: "delete" });
    expect(result).toMatchObject({ mode: "sync", total: 2, changed: 2, message: "Deleted 2 contacts." });
    expect(await prisma.contact.count({ where: { id: { in: ids } } })).toBe(0);
    expect(await prisma.contactTag.count({ where: { contactId: { in: ids } } })).toBe(0);
    expect(await prisma.note.count({ where: { contactId: { in: ids } } })).toBe(0);
    expect(await prisma.contact.count({ where: { id: keep.id } })).toBe(1);
    // Asking again for contacts that are gone: nothing left to select.
    await expectTRPCError(manager.bulk.run({ selection: { ids }, action: "delete" }), "NOT_FOUND");
  });

  test("duplicate ids count once", async () => {
    const { contacts } = await batchOfContacts(1);
    const id = contacts[0]!.id;
    const result = await manager.bulk.run({ selection: { ids: [id, id, id] }, action: "changeTemperature", params: { temperature: "WARM" } });
    expect(result).toMatchObject({ total: 1, changed: 1 });
  });
});

describe("bulk.run on a filter", () => {
  test("a small match is applied at once, to exactly the matching contacts", async () => {
    const { contacts, filter } = await batchOfContacts(4, { stage: "NEW" });
    await prisma.contact.update({ where: { id: contacts[3]!.id }, data: { temperature: "HOT" } });
    const other = await createListContact(prisma, { organizationId: world.orgA, stage: "NEW" });
    const result = await manager.bulk.run({
      selection: { filter: { ...filter, temperature: ["COLD"] } },
      action: "changeStage",
      params: { stage: "ENGAGED" },
    });
    expect(result).toMatchObject({ mode: "sync", total: 3, changed: 3 });
    const stages = await prisma.contact.findMany({ where: { id: { in: contacts.map((c) => c.id) } }, select: { id: true, stage: true } });
    expect(stages.filter((row) => row.stage === "ENGAGED")).toHaveLength(3);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contacts[3]!.id } })).stage).toBe("NEW");
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: other.id } })).stage).toBe("NEW");
  });

  test("owner: me means the person who asked", async () => {
    const { contacts, filter } = await batchOfContacts(2, { ownerId: world.managerA.user.id });
    await createListContact(prisma, { organizationId: world.orgA, ownerId: world.a.owner.id, tagIds: [filter.tag[0]!] });
    const result = await manager.bulk.run({ selection: { filter: { ...filter, owner: "me" } }, action: "changeTemperature", params: { temperature: "DEAD" } });
    expect(result).toMatchObject({ total: 2, changed: 2 });
    expect(await prisma.contact.count({ where: { id: { in: contacts.map((c) => c.id) }, temperature: "DEAD" } })).toBe(2);
  });

  test("a filter matching nothing changes nothing", async () => {
    const result = await manager.bulk.run({
      selection: { filter: filterOf({ q: "no-such-person-anywhere" }) },
      action: "addTag",
      params: { tagId: world.vipA.id },
    });
    expect(result).toMatchObject({ total: 0, changed: 0, message: "Added tag vip to 0 contacts." });
  });
});

describe("large selections run as a job", () => {
  // Each test makes its own "Bulk n" contacts.
  afterEach(async () => {
    await prisma.contact.deleteMany({ where: { organizationId: world.orgA, name: { startsWith: "Bulk " } } });
  });

  test("more than 1,000 matching: a BulkOperation and a job in the same transaction, then the job does it all", async () => {
    const marker = await createTag(prisma, { organizationId: world.orgA, name: "big-filter" });
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 2_500, stage: "ENGAGED", temperature: "WARM" });
    // Mark the 2,500 (and nothing else) so the filter is exact; 100 of them already carry vip.
    await prisma.$executeRaw`
      INSERT INTO "ContactTag" ("organizationId", "contactId", "tagId")
      SELECT "organizationId", "id", ${marker.id}::uuid FROM "Contact"
       WHERE "organizationId" = ${world.orgA}::uuid AND "name" LIKE 'Bulk %'`;
    await prisma.$executeRaw`
      INSERT INTO "ContactTag" ("organizationId", "contactId", "tagId")
      SELECT "organizationId", "id", ${world.vipA.id}::uuid FROM "Contact"
       WHERE "organizationId" = ${world.orgA}::uuid AND "name" LIKE 'Bulk %' ORDER BY "id" LIMIT 100`;
    const filter = filterOf({ tag: [marker.id] });
    const eventsBefore = await prisma.contactEvent.count({ where: { organizationId: world.orgA, type: "TAG_ADDED" } });

    const started = await manager.bulk.run({ selection: { filter }, action: "addTag", params: { tagId: world.vipA.id } });
    expect(started).toMatchObject({ mode: "job", status: "PENDING", total: 2_500, changed: 0 });
    expect(started.message).toBe("Add tag vip: started for 2,500 contacts. It runs in the background.");
    const jobs = await prisma.$queryRaw<Array<{ task: string; key: string; payload: unknown }>>`
      SELECT t.identifier AS task, j.key, j.payload
        FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE j.key = ${`contacts_bulk_apply:${started.operationId}`}`;
    expect(jobs).toEqual([
      { task: "contacts_bulk_apply", key: `contacts_bulk_apply:${started.operationId}`, payload: { operationId: started.operationId } },
    ]);
    // Nothing has happened yet.
    expect(await prisma.contactTag.count({ where: { tagId: world.vipA.id, contact: { name: { startsWith: "Bulk " } } } })).toBe(100);

    await contactsBulkApply({ operationId: started.operationId }, helpers);

    const operation = await manager.bulk.get({ id: started.operationId });
    expect(operation).toMatchObject({ status: "COMPLETED", total: 2_500, processed: 2_500, changed: 2_400, error: null });
    expect(operation.message).toBe("Added tag vip to 2,400 contacts; 100 already had it.");
    expect(operation.createdByName).toBe("Manoj Manager");
    expect(await prisma.contactTag.count({ where: { tagId: world.vipA.id, contact: { name: { startsWith: "Bulk " } } } })).toBe(2_500);
    expect(await prisma.contactEvent.count({ where: { organizationId: world.orgA, type: "TAG_ADDED" } })).toBe(eventsBefore + 2_400);

    // Running the job again (a retry, a duplicate) does nothing.
    await contactsBulkApply({ operationId: started.operationId }, helpers);
    // Even if its bookkeeping had been lost (as if it crashed before saving), the SQL changes nothing twice.
    await prisma.bulkOperation.update({ where: { id: started.operationId }, data: { status: "RUNNING", processed: 0, changed: 0 } });
    await contactsBulkApply({ operationId: started.operationId }, helpers);
    expect(await prisma.contactEvent.count({ where: { organizationId: world.orgA, type: "TAG_ADDED" } })).toBe(eventsBefore + 2_400);
    expect(await prisma.contactTag.count({ where: { tagId: world.vipA.id, contact: { name: { startsWith: "Bulk " } } } })).toBe(2_500);
    expect((await prisma.bulkOperation.findUniqueOrThrow({ where: { id: started.operationId } })).changed).toBe(0);
  });

  test("more than 1,000 ids: a snapshot walked in batches; a crash resumes without doubling", async () => {
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_500, stage: "NEW", temperature: "COLD" });
    const ids = (
      await prisma.contact.findMany({ where: { organizationId: world.orgA, name: { startsWith: "Bulk " } }, select: { id: true } })
    ).map((row) => row.id);
    expect(ids.length).toBe(1_500);
    expect(ids.length).toBeGreaterThan(BULK_SYNC_LIMIT);
    const started = await manager.bulk.run({ selection: { ids }, action: "changeStage", params: { stage: "NEGOTIATION" } });
    expect(started).toMatchObject({ mode: "job", status: "PENDING", total: 1_500 });

    // The worker dies after the first batch of 400 has committed.
    const crash = new Error("worker killed");
    await expect(
      runBulkOperation(prisma, started.operationId, {
        batchSize: 400,
        afterBatch: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const halfway = await prisma.bulkOperation.findUniqueOrThrow({ where: { id: started.operationId } });
    expect(halfway).toMatchObject({ status: "RUNNING", processed: 400, changed: 400, error: "A batch failed; it will be retried shortly." });
    expect(await prisma.contact.count({ where: { id: { in: ids }, stage: "NEGOTIATION" } })).toBe(400);

    // The retry carries on from there.
    const live: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(world.orgA, (event) => live.push(event));
    const done = await runBulkOperation(prisma, started.operationId, { batchSize: 400 });
    expect(done).toMatchObject({ status: "COMPLETED", processed: 1_500, changed: 1_500, total: 1_500, error: null });
    expect(await prisma.contact.count({ where: { id: { in: ids }, stage: "NEGOTIATION" } })).toBe(1_500);
    const timeline = await prisma.contactEvent.findMany({ where: { contactId: { in: ids }, type: "STAGE_CHANGED" }, select: { contactId: true } });
    expect(timeline).toHaveLength(1_500);
    expect(new Set(timeline.map((event) => event.contactId)).size).toBe(1_500);
    expect(await prisma.contact.count({ where: { id: { in: ids }, version: 2 } })).toBe(1_500);

    // Progress went out after each batch, then the completion: ids only, the page reads the numbers.
    await expect.poll(() => live.filter((event) => event.type === "contacts.bulkChanged").length).toBe(1);
    const progress = live.filter((event) => event.type === "bulk.progress");
    expect(progress).toEqual(Array.from({ length: 4 }, () => ({ type: "bulk.progress", operationId: started.operationId })));
    await unsubscribe();

  });

  test("on the job's last attempt a failure marks the operation FAILED, keeping what was done", async () => {
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_100, stage: "NEW", temperature: "WARM" });
    const started = await manager.bulk.run({
      selection: { filter: filterOf({ stage: ["NEW"], temperature: ["WARM"], q: "Bulk" }) },
      action: "changeTemperature",
      params: { temperature: "HOT" },
    });
    expect(started.mode).toBe("job");
    const boom = new Error("database went away");
    await expect(
      // Batches of 300, two at a time: both first batches commit, then no new batch starts.
      runBulkOperation(prisma, started.operationId, {
        batchSize: 300,
        parallelBatches: 2,
        isFinalAttempt: true,
        afterBatch: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    const operation = await manager.bulk.get({ id: started.operationId });
    expect(operation).toMatchObject({ status: "FAILED", processed: 600, changed: 600, message: null });
    expect(operation.error).toBe("The action stopped after repeated errors. Contacts already changed stay changed.");
    // A finished (failed) operation is not picked up again.
    await contactsBulkApply({ operationId: started.operationId }, helpers);
    expect(await prisma.contact.count({ where: { organizationId: world.orgA, name: { startsWith: "Bulk " }, temperature: "HOT" } })).toBe(600);
  });

  test("a stop signal (the worker shutting down) ends the job between batches, even on its last attempt; the retry finishes it", async () => {
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_100, stage: "NEW", temperature: "WARM", phoneOffset: 4_400 });
    const ids = (
      await prisma.contact.findMany({
        where: { organizationId: world.orgA, stage: "NEW", temperature: "WARM", name: { startsWith: "Bulk " } },
        select: { id: true },
      })
    ).map((row) => row.id);
    expect(ids.length).toBeGreaterThan(BULK_SYNC_LIMIT);
    const started = await manager.bulk.run({ selection: { ids }, action: "changeTemperature", params: { temperature: "COLD" } });
    expect(started.mode).toBe("job");
    const stop = new AbortController();
    await expect(
      runBulkOperation(prisma, started.operationId, {
        batchSize: 200,
        isFinalAttempt: true,
        signal: stop.signal,
        afterBatch: () => stop.abort(),
      }),
    ).rejects.toBeInstanceOf(JobStoppedError);
    // Not a failure: no error for people to read, and the operation stays open for the retry.
    const stopped = await manager.bulk.get({ id: started.operationId });
    expect(stopped).toMatchObject({ status: "RUNNING", processed: 200, changed: 200, error: null });

    const done = await runBulkOperation(prisma, started.operationId, { batchSize: 200 });
    expect(done).toMatchObject({ status: "COMPLETED", processed: ids.length, changed: ids.length });
  });

  test("a confirmed deletion that would now reach a different number deletes nothing, at once or as a job", async () => {
    // At once: two "Bulk Drift" contacts were confirmed, a third appeared before the click.
    for (const name of ["Bulk Drift 1", "Bulk Drift 2"]) await createListContact(prisma, { organizationId: world.orgA, name });
    const drift = filterOf({ q: "Bulk Drift" });
    await createListContact(prisma, { organizationId: world.orgA, name: "Bulk Drift late" });
    const refused = await expectTRPCError(owner.bulk.run({ selection: { filter: drift }, action: "delete", params: { expectedCount: 2 } }), "CONFLICT");
    expect(refused.message).toBe("3 contacts match now, not the 2 you confirmed, so nothing was deleted. Check the list and confirm again.");
    expect(await prisma.contact.count({ where: { organizationId: world.orgA, name: { startsWith: "Bulk Drift" } } })).toBe(3);
    const confirmed = await owner.bulk.run({ selection: { filter: drift }, action: "delete", params: { expectedCount: 3 } });
    expect(confirmed).toMatchObject({ mode: "sync", changed: 3 });

    // As a job: 1,200 confirmed, one more matching before the job starts.
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_200, stage: "CHURNED", temperature: "DEAD" });
    const filter = filterOf({ stage: ["CHURNED"], temperature: ["DEAD"] });
    const started = await owner.bulk.run({ selection: { filter }, action: "delete", params: { expectedCount: 1_200 } });
    expect(started).toMatchObject({ mode: "job", total: 1_200 });
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1, stage: "CHURNED", temperature: "DEAD", phoneOffset: 991 });
    const done = await runBulkOperation(prisma, started.operationId);
    expect(done).toMatchObject({ status: "FAILED", changed: 0 });
    expect(done?.error).toBe("1,201 contacts match now, not the 1,200 you confirmed, so nothing was deleted. Check the list and confirm again.");
    expect(await prisma.contact.count({ where: { organizationId: world.orgA, stage: "CHURNED", temperature: "DEAD" } })).toBe(1_201);
  });

  test("a filter is evaluated when the job runs, batch by batch", async () => {
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_200, stage: "CHURNED", temperature: "DEAD" });
    const filter = filterOf({ stage: ["CHURNED"], temperature: ["DEAD"] });
    const started = await owner.bulk.run({ selection: { filter }, action: "delete" });
    expect(started).toMatchObject({ mode: "job", total: 1_200 });
    // Before the job runs, 50 more start matching and 10 stop matching.
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 50, stage: "CHURNED", temperature: "DEAD", phoneOffset: 777 });
    const escaped = await prisma.contact.findMany({ where: { organizationId: world.orgA, stage: "CHURNED" }, take: 10, select: { id: true } });
    await prisma.contact.updateMany({ where: { id: { in: escaped.map((row) => row.id) } }, data: { temperature: "COLD" } });

    const done = await runBulkOperation(prisma, started.operationId, { batchSize: 500 });
    expect(done).toMatchObject({ status: "COMPLETED", total: 1_240, processed: 1_240, changed: 1_240 });
    expect(await prisma.contact.count({ where: { organizationId: world.orgA, stage: "CHURNED", temperature: "DEAD" } })).toBe(0);
    expect(await prisma.contact.count({ where: { id: { in: escaped.map((row) => row.id) } } })).toBe(10);
  });

  test("a filter job cut into id ranges run two at a time changes each contact exactly once", async () => {
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 2_100, stage: "ENGAGED", temperature: "COLD" });
    const filter = filterOf({ stage: ["ENGAGED"], temperature: ["COLD"], q: "Bulk" });
    const started = await manager.bulk.run({ selection: { filter }, action: "changeTemperature", params: { temperature: "WARM" } });
    expect(started).toMatchObject({ mode: "job", total: 2_100 });

    const batches: number[] = [];
    const done = await runBulkOperation(prisma, started.operationId, {
      batchSize: 250,
      parallelBatches: 2,
      afterBatch: (operation) => void batches.push(operation.processed),
    });
    expect(done).toMatchObject({ status: "COMPLETED", total: 2_100, processed: 2_100, changed: 2_100, error: null });
    // 2,100 in ranges of 250: eight full ones and a last one of 100.
    expect(batches).toHaveLength(9);
    expect(batches.at(-1)).toBe(2_100);
    const bulk = await prisma.contact.findMany({ where: { organizationId: world.orgA, name: { startsWith: "Bulk " } }, select: { id: true, temperature: true, version: true } });
    expect(bulk.every((contact) => contact.temperature === "WARM" && contact.version === 2)).toBe(true);
    const timeline = await prisma.contactEvent.groupBy({
      by: ["contactId"],
      where: { organizationId: world.orgA, type: "TEMPERATURE_CHANGED", contactId: { in: bulk.map((contact) => contact.id) } },
      _count: { _all: true },
    });
    expect(timeline).toHaveLength(2_100);
    expect(timeline.every((row) => row._count._all === 1)).toBe(true);
  });

  test("id ranges cover every matching contact once, with no empty range at the end", async () => {
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_000, stage: "CONVERTED", temperature: "DEAD" });
    const scope = Prisma.sql`c."organizationId" = ${world.orgA}::uuid AND c."stage" = 'CONVERTED'::"ContactStage" AND c."name" LIKE 'Bulk %'`;
    const exact = await planIdRanges(prisma, scope, 250);
    expect(exact.total).toBe(1_000);
    expect(exact.ranges).toHaveLength(4);
    expect(exact.ranges[0]!.after).toBeNull();
    expect(exact.ranges.at(-1)!.through).toBeNull();
    const counts = await Promise.all(
      exact.ranges.map(async (range) => {
        const rows = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Contact" c WHERE ${rangeScope(scope, range)}`;
        return rows[0]!.n;
      }),
    );
    expect(counts).toEqual([250, 250, 250, 250]);

    const uneven = await planIdRanges(prisma, scope, 300);
    expect(uneven.ranges.map((range, index) => (index === 0 ? range.after : range.after === uneven.ranges[index - 1]!.through))).toEqual([
      null,
      true,
      true,
      true,
    ]);
    const nothing = await planIdRanges(prisma, Prisma.sql`${scope} AND false`, 250);
    expect(nothing).toEqual({ total: 0, ranges: [{ after: null, through: null }] });
  });

  test("a tag deleted before the job runs fails the operation with a reason", async () => {
    const doomed = await createTag(prisma, { organizationId: world.orgA, name: "doomed" });
    await insertManyContacts(prisma, { organizationId: world.orgA, count: 1_001 });
    const started = await manager.bulk.run({ selection: { filter: filterOf({ q: "Bulk " }) }, action: "addTag", params: { tagId: doomed.id } });
    expect(started.mode).toBe("job");
    await prisma.tag.delete({ where: { id: doomed.id } });
    await contactsBulkApply({ operationId: started.operationId }, helpers);
    const operation = await manager.bulk.get({ id: started.operationId });
    expect(operation).toMatchObject({ status: "FAILED", changed: 0, error: "The tag doomed was deleted before the action could run." });
  });

  test("a malformed job payload is refused before anything runs", async () => {
    await expect(contactsBulkApply({ operationId: "42" }, helpers)).rejects.toThrow();
    await expect(contactsBulkApply({}, helpers)).rejects.toThrow();
  });
});

describe("bulk.get and bulk.count", () => {
  test("any member can follow an operation", async () => {
    const { contacts } = await batchOfContacts(2);
    const result = await manager.bulk.run({ selection: { ids: contacts.map((c) => c.id) }, action: "addTag", params: { tagId: world.vipA.id } });
    for (const caller of [owner, agent, viewer]) {
      expect(await caller.bulk.get({ id: result.operationId })).toMatchObject({
        id: result.operationId,
        status: "COMPLETED",
        title: "Add tag vip",
        message: "Added tag vip to 2 contacts.",
        selection: { kind: "ids", count: 2 },
      });
    }
  });

  test("bulk.count states how many a selection holds", async () => {
    const { contacts, filter } = await batchOfContacts(3);
    expect(await viewer.bulk.count({ selection: { filter } })).toEqual({ count: 3 });
    expect(await viewer.bulk.count({ selection: { ids: [contacts[0]!.id, contacts[0]!.id, contacts[1]!.id] } })).toEqual({ count: 2 });
  });
});

describe("permissions", () => {
  const ACTIONS = [
    { action: "changeStage", params: { stage: "CONVERTED" } },
    { action: "changeTemperature", params: { temperature: "HOT" } },
    { action: "addTag", params: { tagName: "sneaky" } },
    { action: "assignOwner", params: { ownerId: null } },
    { action: "delete", params: {} },
  ] as const;

  test("agents and viewers are refused every action, even on their own contacts, and nothing changes", async () => {
    const { contacts, filter } = await batchOfContacts(2, { ownerId: world.agentA.user.id });
    const ids = contacts.map((contact) => contact.id);
    const before = await prisma.contact.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    for (const caller of [agent, viewer]) {
      for (const command of ACTIONS) {
        await expectTRPCError(caller.bulk.run({ selection: { ids }, ...command } as never), "FORBIDDEN");
        await expectTRPCError(caller.bulk.run({ selection: { filter }, ...command } as never), "FORBIDDEN");
      }
    }
    expect(await prisma.contact.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await events(ids)).toEqual([]);
    expect(await prisma.tag.count({ where: { organizationId: world.orgA, name: "sneaky" } })).toBe(0);
  });

  test("managers may delete", async () => {
    const { contacts } = await batchOfContacts(1);
    await expect(manager.bulk.run({ selection: { ids: [contacts[0]!.id] }, action: "delete" })).resolves.toMatchObject({ changed: 1 });
  });
});

describe("bad input", () => {
  test.each([
    ["no ids", { selection: { ids: [] }, action: "delete" }],
    ["ids that are not ids", { selection: { ids: ["abc"] }, action: "delete" }],
    ["no selection", { action: "delete" }],
    ["an unknown action", { selection: { ids: ["00000000-0000-4000-8000-000000000000"] }, action: "explode", params: {} }],
    ["a stage that does not exist", { selection: { ids: ["00000000-0000-4000-8000-000000000000"] }, action: "changeStage", params: { stage: "WON" } }],
    ["add tag with no tag", { selection: { ids: ["00000000-0000-4000-8000-000000000000"] }, action: "addTag", params: {} }],
    ["add tag with both an id and a name", { selection: { ids: ["00000000-0000-4000-8000-000000000000"] }, action: "addTag", params: { tagId: "00000000-0000-4000-8000-000000000000", tagName: "x" } }],
    ["a bad filter", { selection: { filter: { stage: ["WON"] } }, action: "delete" }],
  ])("%s is BAD_REQUEST", async (_label, input) => {
    await expectTRPCError(manager.bulk.run(input as never), "BAD_REQUEST");
  });

  test("a tag or owner that does not exist is NOT_FOUND", async () => {
    const { contacts } = await batchOfContacts(1);
    const ids = [contacts[0]!.id];
    await expectTRPCError(manager.bulk.run({ selection: { ids }, action: "addTag", params: { tagId: "00000000-0000-4000-8000-000000000000" } }), "NOT_FOUND");
    await expectTRPCError(manager.bulk.run({ selection: { ids }, action: "assignOwner", params: { ownerId: "00000000-0000-4000-8000-000000000000" } }), "NOT_FOUND");
  });
});

describe("tenant isolation", () => {
  test("A's bulk actions with B's contact ids are NOT_FOUND and change nothing in B", async () => {
    const before = await snapshotB();
    const ids = world.bContacts.map((contact) => contact.id);
    for (const caller of [owner, manager]) {
      await expectTRPCError(caller.bulk.run({ selection: { ids }, action: "changeStage", params: { stage: "CHURNED" } }), "NOT_FOUND");
      await expectTRPCError(caller.bulk.run({ selection: { ids }, action: "addTag", params: { tagId: world.vipA.id } }), "NOT_FOUND");
      await expectTRPCError(caller.bulk.run({ selection: { ids }, action: "removeTag", params: { tagId: world.vipA.id } }), "NOT_FOUND");
      await expectTRPCError(caller.bulk.run({ selection: { ids }, action: "assignOwner", params: { ownerId: null } }), "NOT_FOUND");
      await expectTRPCError(caller.bulk.run({ selection: { ids }, action: "delete" }), "NOT_FOUND");
    }
    expect(await snapshotB()).toEqual(before);
  });

  test("mixed with A's own ids, only A's contacts change", async () => {
    const before = await snapshotB();
    const { contacts } = await batchOfContacts(1);
    const result = await manager.bulk.run({
      selection: { ids: [contacts[0]!.id, ...world.bContacts.map((contact) => contact.id)] },
      action: "delete",
    });
    expect(result).toMatchObject({ total: 1, changed: 1 });
    expect(await snapshotB()).toEqual(before);
  });

  test("B's tag, B's member and a filter naming B's things reach nothing of B's", async () => {
    const before = await snapshotB();
    const { contacts } = await batchOfContacts(1);
    const ids = [contacts[0]!.id];
    await expectTRPCError(manager.bulk.run({ selection: { ids }, action: "addTag", params: { tagId: world.vipB.id } }), "NOT_FOUND");
    await expectTRPCError(manager.bulk.run({ selection: { ids }, action: "removeTag", params: { tagId: world.vipB.id } }), "NOT_FOUND");
    await expectTRPCError(manager.bulk.run({ selection: { ids }, action: "assignOwner", params: { ownerId: world.agentB.user.id } }), "NOT_FOUND");
    for (const filter of [filterOf({ tag: [world.vipB.id] }), filterOf({ owner: world.agentB.user.id }), filterOf({ q: "B Secret" })]) {
      const result = await owner.bulk.run({ selection: { filter }, action: "delete" });
      expect(result).toMatchObject({ total: 0, changed: 0 });
      expect(await owner.bulk.count({ selection: { filter } })).toEqual({ count: 0 });
    }
    expect(await owner.bulk.count({ selection: { ids: world.bContacts.map((contact) => contact.id) } })).toEqual({ count: 0 });
    expect(await snapshotB()).toEqual(before);
  });

  test("bulk.get of B's operation is NOT_FOUND", async () => {
    const bOperation = await ownerB.bulk.run({ selection: { ids: [world.bContacts[0]!.id] }, action: "changeTemperature", params: { temperature: "WARM" } });
    for (const caller of [owner, manager, agent, viewer]) {
      const error = await expectTRPCError(caller.bulk.get({ id: bOperation.operationId }), "NOT_FOUND");
      expect(error.message).not.toContain("B Secret");
    }
    // B's owner sees it: the refusal was about tenancy.
    await expect(ownerB.bulk.get({ id: bOperation.operationId })).resolves.toMatchObject({ status: "COMPLETED" });
  });
});

describe("the bulk bar form", () => {
  test("option values become bulk.run commands", () => {
    expect(bulkOpToCommand(bulkOp.stage("INTERESTED"))).toEqual({ action: "changeStage", params: { stage: "INTERESTED" } });
    expect(bulkOpToCommand(bulkOp.temperature("HOT"))).toEqual({ action: "changeTemperature", params: { temperature: "HOT" } });
    expect(bulkOpToCommand(bulkOp.addTag("t1"))).toEqual({ action: "addTag", params: { tagId: "t1" } });
    expect(bulkOpToCommand(bulkOp.removeTag("t1"))).toEqual({ action: "removeTag", params: { tagId: "t1" } });
    expect(bulkOpToCommand(bulkOp.owner(null))).toEqual({ action: "assignOwner", params: { ownerId: null } });
    expect(bulkOpToCommand(bulkOp.owner("u1"))).toEqual({ action: "assignOwner", params: { ownerId: "u1" } });
    expect(bulkOpToCommand(bulkOp.delete())).toEqual({ action: "delete", params: {} });
    expect(bulkOpToCommand("explode")).toBeNull();
    expect(bulkOpToCommand("nuke:all")).toBeNull();
  });

  test("the form schema refuses too many ids and bad ones", () => {
    expect(bulkFormSchema.safeParse({ op: "delete", ids: ["x"] }).success).toBe(false);
    expect(bulkFormSchema.safeParse({ op: "delete", ids: Array.from({ length: 1_001 }, () => crypto.randomUUID()) }).success).toBe(false);
    expect(bulkFormSchema.parse({ op: "delete", ids: crypto.randomUUID() }).ids).toHaveLength(1);
  });

  test("result messages use Indian digit grouping", () => {
    expect(describeBulkResult({ action: "addTag", params: { tagId: "t", tagName: "vip" } }, { total: 100_000, changed: 99_870 })).toBe(
      "Added tag vip to 99,870 contacts; 130 already had it.",
    );
    expect(describeBulkResult({ action: "delete", params: {} }, { total: 150_000, changed: 150_000 })).toBe("Deleted 1,50,000 contacts.");
  });
});
