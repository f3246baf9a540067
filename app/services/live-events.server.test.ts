import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { liveEventHub, organizationChannel, publishLiveEvent } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { createOrganization } from "../../prisma/factories";

type Received = LiveEvent[];

async function watch(organizationId: string) {
  const received: Received = [];
  const unsubscribe = await liveEventHub().subscribe(organizationId, (event) => received.push(event));
  return { received, unsubscribe };
}

/** Publishes a marker and waits for it: anything published before it has had its chance to arrive. */
async function flush(organizationId: string, received: Received, marker: string) {
  await publishLiveEvent(prisma, organizationId, { type: "member.updated", membershipId: marker });
  await expect.poll(() => received.some((e) => e.type === "member.updated" && e.membershipId === marker)).toBe(true);
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
});
