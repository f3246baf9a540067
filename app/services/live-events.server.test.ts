import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { randomUUID } from "node:crypto";
import {
  liveEventHub,
  liveEventPayload,
  NOTIFY_PAYLOAD_LIMIT,
  organizationChannel,
  publishLiveEvent,
  publishLiveEvents,
} from "~/services/live-events.server";
import { liveTopic, type LiveEvent, type LiveTopic, type PublishedLiveEvent } from "~/utils/live-event";
import { createOrganization } from "../../prisma/factories";

type Received = LiveEvent[];

async function watch(organizationId: string, topics?: LiveTopic[]) {
  const received: Received = [];
  const unsubscribe = await liveEventHub().subscribe(organizationId, (event) => received.push(event), topics);
  return { received, unsubscribe };
}

/** Publishes a marker and waits for it: anything published before it has had its chance to arrive. */
async function flush(organizationId: string, received: Received, marker: string) {
  await publishLiveEvent(prisma, organizationId, { type: "outbox.created", outboxId: marker });
  await expect.poll(() => received.some((e) => e.type === "outbox.created" && e.outboxId === marker)).toBe(true);
}

describe("live events", () => {
  test("channel names are per organization and safe identifiers", () => {
    expect(organizationChannel("0a1b2c3d-0000-4000-8000-00000000abcd")).toBe("org_0a1b2c3d00004000800000000000abcd");
  });

  test("a subscriber for A receives A's events and not B's", async () => {
    const { organization: a } = await createOrganization(prisma);
    const { organization: b } = await createOrganization(prisma);
    const inA = await watch(a.id);
    const inB = await watch(b.id);

    await publishLiveEvent(prisma, b.id, { type: "outbox.created", outboxId: "for-b" });
    await publishLiveEvent(prisma, a.id, { type: "outbox.created", outboxId: "for-a" });

    await expect.poll(() => inA.received).toContainEqual({ type: "outbox.created", outboxId: "for-a" });
    await expect.poll(() => inB.received).toContainEqual({ type: "outbox.created", outboxId: "for-b" });
    await flush(a.id, inA.received, "flush-a");
    expect(inA.received).not.toContainEqual({ type: "outbox.created", outboxId: "for-b" });
    expect(inB.received).not.toContainEqual({ type: "outbox.created", outboxId: "for-a" });
    await inA.unsubscribe();
    await inB.unsubscribe();
  });

  test("several events published in one statement arrive in the order given, the outbox's with them", async () => {
    const { organization } = await createOrganization(prisma);
    const watcher = await watch(organization.id);
    await publishLiveEvents(prisma, organization.id, [1, 2, 3].map((n) => ({ type: "outbox.created", outboxId: `batch-${n}` })));
    await flush(organization.id, watcher.received, "after-batch");
    expect(watcher.received.filter((e) => e.type === "outbox.created" && e.outboxId.startsWith("batch-"))).toEqual(
      [1, 2, 3].map((n) => ({ type: "outbox.created", outboxId: `batch-${n}` })),
    );
    await watcher.unsubscribe();
  });

  test("an event published in a transaction arrives on commit, and never if it rolls back", async () => {
    const { organization } = await createOrganization(prisma);
    const watcher = await watch(organization.id);

    await expect(
      prisma.$transaction(async (tx) => {
        await publishLiveEvent(tx, organization.id, { type: "outbox.created", outboxId: "rolled-back" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await prisma.$transaction(async (tx) => {
      await publishLiveEvent(tx, organization.id, { type: "outbox.created", outboxId: "committed" });
    });

    await expect.poll(() => watcher.received).toContainEqual({ type: "outbox.created", outboxId: "committed" });
    await flush(organization.id, watcher.received, "after");
    expect(watcher.received).not.toContainEqual({ type: "outbox.created", outboxId: "rolled-back" });
    await watcher.unsubscribe();
  });

  test("after unsubscribing, a listener receives nothing more; others on the channel still do", async () => {
    const { organization } = await createOrganization(prisma);
    const leaving = await watch(organization.id);
    const staying = await watch(organization.id);
    const countBefore = liveEventHub().listenerCount();

    await publishLiveEvent(prisma, organization.id, { type: "outbox.created", outboxId: "before" });
    await expect.poll(() => leaving.received).toContainEqual({ type: "outbox.created", outboxId: "before" });

    await leaving.unsubscribe();
    expect(liveEventHub().listenerCount()).toBe(countBefore - 1);
    await publishLiveEvent(prisma, organization.id, { type: "outbox.created", outboxId: "after" });
    await expect.poll(() => staying.received).toContainEqual({ type: "outbox.created", outboxId: "after" });
    await flush(organization.id, staying.received, "flush");
    expect(leaving.received).not.toContainEqual({ type: "outbox.created", outboxId: "after" });

    await staying.unsubscribe();
    expect(liveEventHub().listenerCount()).toBe(countBefore - 2);
    // Unsubscribing twice is harmless.
    await staying.unsubscribe();
  });

  test("the last listener leaving stops listening; subscribing again works", async () => {
    const { organization } = await createOrganization(prisma);
    const first = await watch(organization.id);
    await first.unsubscribe();
    await publishLiveEvent(prisma, organization.id, { type: "outbox.created", outboxId: "nobody-listens" });

    const second = await watch(organization.id);
    await flush(organization.id, second.received, "second");
    expect(first.received).toEqual([]);
    expect(second.received).not.toContainEqual({ type: "outbox.created", outboxId: "nobody-listens" });
    await second.unsubscribe();
  });

  test("topics: a contact's stream gets that contact's events only, a user's stream that user's, the organization's everything", async () => {
    const { organization } = await createOrganization(prisma);
    const [contactA, contactB, me, someoneElse] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const everything = await watch(organization.id);
    const pageOfA = await watch(organization.id, [liveTopic("contact", contactA)]);
    const mine = await watch(organization.id, [liveTopic("user", me)]);
    // One stream with two topics gets an event for both of them once.
    const both = await watch(organization.id, [liveTopic("contact", contactA), liveTopic("user", me)]);

    const events: PublishedLiveEvent[] = [
      { type: "contact.changed", contactIds: [contactB] },
      { type: "contact.changed", contactIds: [contactB, contactA] },
      { type: "followUp.changed", followUpId: randomUUID(), contactId: contactA },
      { type: "followUp.changed", followUpId: randomUUID(), contactId: contactB },
      { type: "member.updated", membershipId: randomUUID(), userId: someoneElse },
      { type: "member.updated", membershipId: randomUUID(), userId: me },
      { type: "dealStage.changed" },
    ];
    for (const event of events) await publishLiveEvent(prisma, organization.id, event);
    await flush(organization.id, everything.received, "topics");

    expect(everything.received.slice(0, events.length)).toEqual(events);
    expect(pageOfA.received).toEqual([events[1], events[2]]);
    expect(mine.received).toEqual([events[5]]);
    expect(both.received).toEqual([events[1], events[2], events[5]]);
    for (const watcher of [everything, pageOfA, mine, both]) await watcher.unsubscribe();
  });

  test("another organization's events never reach a stream, whatever its topics", async () => {
    const { organization: a } = await createOrganization(prisma);
    const { organization: b } = await createOrganization(prisma);
    const contactId = randomUUID();
    const inA = await watch(a.id, [liveTopic("contact", contactId)]);
    const allOfA = await watch(a.id);
    // The same contact id published in B (ids are checked against the organization before a stream listens).
    await publishLiveEvent(prisma, b.id, { type: "contact.changed", contactIds: [contactId] });
    await flush(a.id, allOfA.received, "a-only");
    expect(inA.received).toEqual([]);
    expect(allOfA.received).not.toContainEqual({ type: "contact.changed", contactIds: [contactId] });
    await inA.unsubscribe();
    await allOfA.unsubscribe();
  });

  test("an event too large for one NOTIFY becomes a small refetch, delivered to every stream that wanted it", async () => {
    const { organization } = await createOrganization(prisma);
    const contactIds = Array.from({ length: 5_000 }, () => randomUUID());
    const big: PublishedLiveEvent = { type: "contact.changed", contactIds };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(NOTIFY_PAYLOAD_LIMIT * 20);
    expect(liveEventPayload(big)).toBe(JSON.stringify({ type: "refetch", of: "contact.changed" }));

    const everything = await watch(organization.id);
    const oneOfThem = await watch(organization.id, [liveTopic("contact", contactIds[4_321]!)]);
    const anotherContact = await watch(organization.id, [liveTopic("contact", randomUUID())]);
    const aUser = await watch(organization.id, [liveTopic("user", randomUUID())]);
    await prisma.$transaction(async (tx) => publishLiveEvent(tx, organization.id, big));
    await flush(organization.id, everything.received, "after-big");

    const refetch = { type: "refetch", of: "contact.changed" };
    expect(everything.received[0]).toEqual(refetch);
    expect(oneOfThem.received).toEqual([refetch]);
    // It can't say which contacts, so every contact page refetches; other topics hear nothing.
    expect(anotherContact.received).toEqual([refetch]);
    expect(aUser.received).toEqual([]);
    for (const watcher of [everything, oneOfThem, anotherContact, aUser]) await watcher.unsubscribe();
  });

  test("the guard measures bytes: an event just under the limit goes as it is, one byte more becomes a refetch", async () => {
    const { organization } = await createOrganization(prisma);
    const shell = JSON.stringify({ type: "outbox.created", outboxId: "" });
    const fits: PublishedLiveEvent = { type: "outbox.created", outboxId: "x".repeat(NOTIFY_PAYLOAD_LIMIT - 1 - shell.length) };
    const tooBig: PublishedLiveEvent = { type: "outbox.created", outboxId: `${fits.outboxId}x` };
    // Multi-byte text counts its bytes, not its characters.
    const wide: PublishedLiveEvent = { type: "outbox.created", outboxId: "न".repeat(3_000) };
    expect(liveEventPayload(fits)).toBe(JSON.stringify(fits));
    expect(JSON.parse(liveEventPayload(tooBig))).toEqual({ type: "refetch", of: "outbox.created" });
    expect(JSON.parse(liveEventPayload(wide))).toEqual({ type: "refetch", of: "outbox.created" });

    const watcher = await watch(organization.id);
    // PostgreSQL accepts the largest payload the guard lets through.
    await publishLiveEvent(prisma, organization.id, fits);
    await publishLiveEvent(prisma, organization.id, tooBig);
    await flush(organization.id, watcher.received, "bytes");
    expect(watcher.received.slice(0, 2)).toEqual([fits, { type: "refetch", of: "outbox.created" }]);
    await watcher.unsubscribe();
  });
});
