// Send jobs delivered together: each message decides as it would alone, the sandbox's later reports
// go one job per step for a batch's sends on a channel, and a store that fails for the batch is
// done again per message.
import { expect, test } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { userActor, type CommandContext } from "~/services/command.server";
import { deliverMessages, type DeliveryRequest, type DeliveryResult } from "~/services/conversation/deliver-message.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import messagesSandboxStatus from "../../../jobs/tasks/messages_sandbox_status";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createChannel, createConversation } from "../../../prisma/factories-conversations";

const logger = { debug() {}, info() {}, warn() {}, error() {}, scope: () => logger };
const helpers = { logger, job: { id: "1", attempts: 1, max_attempts: 10 } } as never;

async function world(phones: Array<string | undefined>) {
  const { organization, owner } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP", address: "+14155238886" });
  await prisma.channel.update({ where: { id: channel.id }, data: { ratePerSecond: 1000 } });
  const ctx: CommandContext = { organizationId: organization.id, actor: userActor(owner.id) };
  const people = [];
  for (const phone of phones) {
    const contact = await createContact(prisma, { organizationId: organization.id, phone });
    const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id });
    await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
    const queue = async (body: string) =>
      (await prisma.$transaction((tx) => sendMessage(tx, ctx, { conversationId: conversation.id, content: { kind: "TEXT", body } }))).messageId;
    people.push({ contact, conversation, queue });
  }
  return { organization, channel, people };
}

const outcomes = (results: DeliveryResult[]) => results.map((result) => (result.ok ? result.value.outcome : "error"));

/** The same situation twice: a ready message, one whose contact opted out, one behind an earlier one, one already sent, another organization's. */
async function mixedSituation() {
  const { organization, people } = await world([undefined, undefined, undefined]);
  const [ready, optedOut, busy] = people;
  const readyId = await ready!.queue("Ready");
  const optedOutId = await optedOut!.queue("Opted out");
  await prisma.contactConsent.create({
    data: { organizationId: organization.id, contactId: optedOut!.contact.id, channel: "WHATSAPP", status: "OPTED_OUT", source: "Replied STOP" },
  });
  await busy!.queue("Earlier");
  const behindId = await busy!.queue("Behind");
  const doneId = await busy!.queue("Done already");
  await prisma.message.update({ where: { id: doneId }, data: { status: "SENT" } });
  const foreign = await world([undefined]);
  const foreignId = await foreign.people[0]!.queue("Someone else's");
  const requests: DeliveryRequest[] = [readyId, optedOutId, behindId, doneId, foreignId].map((messageId) => ({ organizationId: organization.id, messageId, lastAttempt: false }));
  return { organization, foreign, requests, readyId, optedOutId };
}

test("messages delivered together each decide as they would alone", async () => {
  const together = await mixedSituation();
  const alone = await mixedSituation();

  const batch = await deliverMessages(prisma, together.requests);
  const oneByOne: DeliveryResult[] = [];
  for (const request of alone.requests) oneByOne.push(...(await deliverMessages(prisma, [request])));

  expect(outcomes(batch)).toEqual(["accepted", "failed", "later", "skipped", "skipped"]);
  expect(outcomes(oneByOne)).toEqual(outcomes(batch));
  for (const { organization, foreign, readyId, optedOutId } of [together, alone]) {
    const sent = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
    expect(sent.map((row) => row.body)).toEqual(["Ready"]);
    expect(await prisma.message.findUniqueOrThrow({ where: { id: readyId } })).toMatchObject({ status: "SENDING", providerMessageId: sent[0]!.externalId });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: optedOutId } })).toMatchObject({ status: "FAILED", errorCode: "REFUSED" });
    // Another organization's message, named with this organization's id, is not touched.
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: foreign.organization.id } })).toBe(0);
    expect(await prisma.message.count({ where: { organizationId: foreign.organization.id, status: "QUEUED" } })).toBe(1);
  }
});

test("a message asked for twice in one batch is sent once", async () => {
  const { organization, people } = await world([undefined]);
  const messageId = await people[0]!.queue("Once");
  const request = { organizationId: organization.id, messageId, lastAttempt: false };
  const results = await deliverMessages(prisma, [request, { ...request }]);
  expect(results).toEqual([
    { ok: true, value: { outcome: "accepted", providerMessageId: expect.stringMatching(/^SM/) } },
    { ok: true, value: { outcome: "skipped", reason: "already accepted by the provider" } },
  ]);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(1);
});

test("the sandbox reports a batch's sends with one job per step, and the status path moves each", async () => {
  const { organization, channel, people } = await world([undefined, undefined, "+919812340000"]);
  const ids = await Promise.all(people.map((person, n) => person.queue(`Hello ${n}`)));
  const results = await deliverMessages(prisma, ids.map((messageId) => ({ organizationId: organization.id, messageId, lastAttempt: false })));
  expect(outcomes(results)).toEqual(["accepted", "accepted", "accepted"]);
  const sids = await Promise.all(ids.map(async (id) => (await prisma.message.findUniqueOrThrow({ where: { id } })).providerMessageId!));

  const jobs = await prisma.$queryRaw<Array<{ payload: { status: string; providerMessageIds: string[]; channelId: string } }>>`
    SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = 'messages_sandbox_status' AND j.payload->>'organizationId' = ${organization.id} ORDER BY j.run_at, j.payload->>'status'`;
  expect(jobs.map(({ payload }) => [payload.status, [...payload.providerMessageIds].sort()])).toEqual([
    ["SENT", [...sids].sort()],
    ["DELIVERED", [sids[0], sids[1]].sort()],
    ["UNDELIVERED", [sids[2]]],
    ["READ", [sids[0], sids[1]].sort()],
  ]);
  expect(jobs.every(({ payload }) => payload.channelId === channel.id)).toBe(true);
  for (const { payload } of jobs) await messagesSandboxStatus(payload, helpers);
  const stored = await prisma.message.findMany({ where: { id: { in: ids } }, orderBy: { body: "asc" } });
  expect(stored.map((message) => message.status)).toEqual(["READ", "READ", "UNDELIVERED"]);
});

test("when storing the batch's answers fails, each is stored on its own, so the others keep theirs", async () => {
  const { organization, people } = await world([undefined, undefined]);
  const ids = await Promise.all(people.map((person, n) => person.queue(`Hey ${n}`)));
  let failures = 0;
  // The first transaction (the whole batch's store) fails once, as a deadlock would.
  const flaky = new Proxy(prisma, {
    get(target, property, receiver) {
      if (property === "$transaction" && failures === 0) {
        return () => {
          failures += 1;
          return Promise.reject(new Error("deadlock detected"));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  }) as PrismaClient;

  const results = await deliverMessages(flaky, ids.map((messageId) => ({ organizationId: organization.id, messageId, lastAttempt: false })));

  expect(failures).toBe(1);
  expect(outcomes(results)).toEqual(["accepted", "accepted"]);
  const stored = await prisma.message.findMany({ where: { id: { in: ids } } });
  expect(stored.every((message) => message.status === "SENDING" && message.providerMessageId !== null)).toBe(true);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(2);
});
