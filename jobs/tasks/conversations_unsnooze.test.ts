// A snooze's end, through a real worker: the job is scheduled at the snooze's time; when it runs the
// conversation is open again, its assignee is told "… is open again" and the timeline says so. A
// re-snooze before the first time replaces the job, a reopen by hand removes it (no notification
// either way), and a payload naming another organization changes nothing there.
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { userActor } from "~/services/command.server";
import { changeConversationStatus } from "~/services/conversation/change-conversation-status.server";
import { snoozeEndJobKey } from "~/services/conversation/conversation-snooze-job.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createChannel, createConversation } from "../../prisma/factories-conversations";
import { startWorker } from "../worker";
import conversationsUnsnooze from "./conversations_unsnooze";
import { waitFor } from "~/testing/wait-for";

const helpers = { logger: { debug: () => {} }, job: { id: "1", attempts: 1, max_attempts: 5 } } as never;
const MINUTE = 60_000;

async function world(name = "Kavya Iyer") {
  const { organization, owner } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP" });
  const contact = await createContact(prisma, { organizationId: organization.id, name });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id, assigneeId: owner.id });
  const ctx = { organizationId: organization.id, actor: userActor(owner.id) };
  const setStatus = (status: "OPEN" | "SNOOZED" | "RESOLVED", until?: Date) =>
    prisma.$transaction((tx) => changeConversationStatus(tx, ctx, { id: conversation.id, status, snoozeUntil: until?.toISOString() }));
  return { organization, owner, contact, conversation, setStatus };
}

/** The pending job that ends this conversation's snooze, if any. */
async function snoozeJob(conversationId: string) {
  const rows = await prisma.$queryRaw<Array<{ run_at: Date; payload: { snoozedUntil: string } }>>`
    SELECT run_at, payload FROM graphile_worker._private_jobs WHERE key = ${snoozeEndJobKey(conversationId)}`;
  return rows;
}

function notificationsFor(userId: string) {
  return prisma.notification.findMany({ where: { userId }, select: { kind: true, title: true, body: true, url: true, organizationId: true } });
}

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

/** Snoozes with the clock an hour back, so a time already past for the queue is "the future" for the command. */
function anHourAgo() {
  const real = new Date();
  restoreClock = setClock(new Date(real.getTime() - 60 * MINUTE));
  return real;
}

describe("conversations_unsnooze", () => {
  test("a snooze schedules one job at its time; a re-snooze replaces it, a reopen removes it", async () => {
    const { conversation, setStatus } = await world();
    const at = new Date(Date.now() + 60 * MINUTE);
    await setStatus("SNOOZED", at);
    expect(await snoozeJob(conversation.id)).toEqual([{ run_at: at, payload: expect.objectContaining({ snoozedUntil: at.toISOString() }) }]);
    const later = new Date(at.getTime() + 24 * 60 * MINUTE);
    await setStatus("SNOOZED", later);
    expect(await snoozeJob(conversation.id)).toEqual([{ run_at: later, payload: expect.objectContaining({ snoozedUntil: later.toISOString() }) }]);
    await setStatus("OPEN");
    expect(await snoozeJob(conversation.id)).toEqual([]);
    await setStatus("RESOLVED");
    expect(await snoozeJob(conversation.id)).toEqual([]);
  });

  test("through the worker: the due snooze reopens and notifies; the re-snoozed and the reopened ones stay as they are, unnotified", async () => {
    const real = anHourAgo();
    const due = await world("Kavya Iyer");
    const resnoozed = await world("Rohan Mehta");
    const reopened = await world("Sunita Rao");
    // Both of these would have been due first (an earlier time, and the worker takes the earliest first).
    const first = new Date(real.getTime() - 30 * MINUTE);
    await resnoozed.setStatus("SNOOZED", first);
    await resnoozed.setStatus("SNOOZED", new Date(real.getTime() + 24 * 60 * MINUTE));
    await reopened.setStatus("SNOOZED", first);
    await reopened.setStatus("OPEN");
    const dueAt = new Date(real.getTime() - 20 * MINUTE);
    await due.setStatus("SNOOZED", dueAt);
    restoreClock!();
    restoreClock = null;

    const worker = await startWorker({ concurrency: 1 });
    try {
      await waitFor(() => notificationsFor(due.owner.id), (rows) => rows.length > 0, "the notification that the snooze ended");
    } finally {
      await worker.stop();
    }

    const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: due.conversation.id } });
    expect({ status: conversation.status, snoozedUntil: conversation.snoozedUntil }).toEqual({ status: "OPEN", snoozedUntil: null });
    expect(await notificationsFor(due.owner.id)).toEqual([
      {
        kind: "CONVERSATION_SNOOZE_ENDED",
        title: "Kavya Iyer's WhatsApp conversation is open again",
        body: expect.stringMatching(/^It was snoozed until .+\.$/),
        url: `/inbox/${due.conversation.id}`,
        organizationId: due.organization.id,
      },
    ]);
    const event = await prisma.contactEvent.findFirstOrThrow({ where: { contactId: due.contact.id, type: "CONVERSATION_STATUS_CHANGED" }, orderBy: { createdAt: "desc" } });
    expect(event.data).toMatchObject({ conversationId: due.conversation.id, before: "SNOOZED", after: "OPEN" });
    expect(await snoozeJob(due.conversation.id)).toEqual([]);

    const stillSnoozed = await prisma.conversation.findUniqueOrThrow({ where: { id: resnoozed.conversation.id } });
    expect(stillSnoozed.status).toBe("SNOOZED");
    expect(await snoozeJob(resnoozed.conversation.id)).toHaveLength(1);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: reopened.conversation.id } })).status).toBe("OPEN");
    expect(await notificationsFor(resnoozed.owner.id)).toEqual([]);
    expect(await notificationsFor(reopened.owner.id)).toEqual([]);
  });

  test("an old payload for a re-snoozed or reopened conversation does nothing; nor does one naming another organization", async () => {
    const real = anHourAgo();
    const a = await world();
    const b = await world();
    const past = new Date(real.getTime() - 30 * MINUTE);
    await a.setStatus("SNOOZED", past);
    await b.setStatus("SNOOZED", past);
    restoreClock!();
    restoreClock = null;

    // Org B's id with org A's conversation: not found in B, nothing changes in A.
    await conversationsUnsnooze({ organizationId: b.organization.id, conversationId: a.conversation.id, snoozedUntil: past.toISOString() }, helpers);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: a.conversation.id } })).status).toBe("SNOOZED");
    expect(await notificationsFor(a.owner.id)).toEqual([]);
    expect(await notificationsFor(b.owner.id)).toEqual([]);

    // A payload for an earlier snooze time (it was snoozed again since) leaves it snoozed.
    await conversationsUnsnooze({ organizationId: a.organization.id, conversationId: a.conversation.id, snoozedUntil: new Date(past.getTime() - MINUTE).toISOString() }, helpers);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: a.conversation.id } })).status).toBe("SNOOZED");

    // The right one opens it once; running it again is a no-op (no second notification).
    await conversationsUnsnooze({ organizationId: a.organization.id, conversationId: a.conversation.id, snoozedUntil: past.toISOString() }, helpers);
    await conversationsUnsnooze({ organizationId: a.organization.id, conversationId: a.conversation.id, snoozedUntil: past.toISOString() }, helpers);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: a.conversation.id } })).status).toBe("OPEN");
    expect(await notificationsFor(a.owner.id)).toHaveLength(1);

    // Reopened by hand before its time: the job's payload finds it open and does nothing.
    await prisma.$transaction((tx) => changeConversationStatus(tx, { organizationId: b.organization.id, actor: userActor(b.owner.id) }, { id: b.conversation.id, status: "OPEN" }));
    await conversationsUnsnooze({ organizationId: b.organization.id, conversationId: b.conversation.id, snoozedUntil: past.toISOString() }, helpers);
    expect(await notificationsFor(b.owner.id)).toEqual([]);
  });

  test("a payload it can't read is refused; an unknown conversation is ignored", async () => {
    await expect(conversationsUnsnooze({ organizationId: "nope", conversationId: randomUUID(), snoozedUntil: new Date().toISOString() }, helpers)).rejects.toBeInstanceOf(ZodError);
    await expect(conversationsUnsnooze({ organizationId: randomUUID(), conversationId: randomUUID() }, helpers)).rejects.toBeInstanceOf(ZodError);
    await expect(conversationsUnsnooze({ organizationId: randomUUID(), conversationId: randomUUID(), snoozedUntil: new Date(Date.now() - MINUTE).toISOString() }, helpers)).resolves.toBeUndefined();
  });
});
