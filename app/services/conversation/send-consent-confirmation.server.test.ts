// Through a real worker and the sandbox provider: an inbound opt-out word sends exactly one
// confirmation although consent is now revoked, a repeated STOP or a redelivered webhook sends none,
// START confirms through the normal path, and the organization's own words and texts are used.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { systemActor, userActor } from "~/services/command.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import { receiveMessage } from "~/services/conversation/receive-message.server";
import { acceptTwilioWebhook } from "~/services/conversation/accept-twilio-webhook.server";
import { addConsentKeyword } from "~/services/opt-out-keyword/add-consent-keyword.server";
import { updateConsentConfirmations } from "~/services/opt-out-keyword/update-consent-confirmations.server";
import { simulatedTwilioInbound } from "~/services/simulator/simulated-twilio-post.server";
import { twilioInboundSchema } from "~/domain/conversation/twilio-webhook";
import { DEFAULT_OPT_IN_CONFIRMATION, DEFAULT_OPT_OUT_CONFIRMATION } from "~/domain/conversation/opt-out-keywords";
import { createOrganization, indianMobile } from "../../../prisma/factories";
import { createChannel } from "../../../prisma/factories-conversations";
import { startWorker } from "../../../jobs/worker";
import { waitFor } from "~/testing/wait-for";

let worker: Awaited<ReturnType<typeof startWorker>>;
beforeAll(async () => {
  worker = await startWorker({ concurrency: 2 });
});
afterAll(async () => {
  await worker.stop();
});

async function world(kind: "WHATSAPP" | "SMS" = "WHATSAPP") {
  const { organization, owner } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind, provider: "SANDBOX" });
  await prisma.channel.update({ where: { id: channel.id }, data: { ratePerSecond: 1000 } });
  const phone = indianMobile(Math.floor(Math.random() * 1e9));
  return { organizationId: organization.id, owner, channel, phone };
}

type World = Awaited<ReturnType<typeof world>>;

/** What Twilio would post for the customer's message, stored and enqueued as the webhook route does. */
async function customerWrites(w: World, body: string, fields = simulatedTwilioInbound({ kind: w.channel.kind as "WHATSAPP", from: w.phone, to: w.channel.address, body, baseUrl: "http://localhost:3000" })) {
  const stored = await acceptTwilioWebhook(prisma, w.channel, { kind: "inbound", params: twilioInboundSchema.parse(fields) }, fields);
  return { fields, stored: stored.stored };
}

const inboundCount = (w: World) => prisma.message.count({ where: { organizationId: w.organizationId, direction: "INBOUND" } });
const outbound = (w: World) =>
  prisma.message.findMany({ where: { organizationId: w.organizationId, direction: "OUTBOUND" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const outbox = (w: World) =>
  prisma.sandboxOutbox.findMany({ where: { organizationId: w.organizationId, toAddress: w.phone }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const allProcessed = (w: World) =>
  prisma.webhookEvent.count({ where: { organizationId: w.organizationId, processedAt: null } }).then((left) => left === 0);

async function settle(w: World, { inbound, outboxRows }: { inbound: number; outboxRows: number }) {
  await waitFor(() => inboundCount(w), (n) => n === inbound, `${inbound} inbound messages`);
  await waitFor(() => allProcessed(w), Boolean, "every webhook event processed");
  await waitFor(() => outbox(w).then((rows) => rows.length), (n) => n === outboxRows, `${outboxRows} sandbox sends`);
}

describe("consent confirmations", () => {
  test("STOP revokes consent and sends exactly one confirmation; STOP again, or the same webhook again, sends none; the next send is refused", async () => {
    const w = await world();
    await customerWrites(w, "Hi, what does the Nifty indicator cost?");
    const stop = await customerWrites(w, "STOP");
    await settle(w, { inbound: 2, outboxRows: 1 });

    const [confirmation] = await outbound(w);
    expect(confirmation).toMatchObject({ kind: "TEXT", body: DEFAULT_OPT_OUT_CONFIRMATION, actorLabel: "Opt-out confirmation", authorId: null, flags: ["OPT_OUT_CONFIRMATION"] });
    await waitFor(() => prisma.message.findUniqueOrThrow({ where: { id: confirmation!.id } }), (m) => m.providerMessageId !== null && m.status !== "FAILED", "the confirmation accepted by the sandbox");
    expect((await outbox(w))[0]).toMatchObject({ channel: "WHATSAPP", body: DEFAULT_OPT_OUT_CONFIRMATION });
    const contact = await prisma.contact.findFirstOrThrow({ where: { organizationId: w.organizationId, phone: w.phone } });
    expect(await prisma.contactConsent.findFirst({ where: { contactId: contact.id, channel: "WHATSAPP" } })).toMatchObject({ status: "OPTED_OUT" });

    // The same post again (Twilio retrying) is no new event; a second STOP is a new message but no new confirmation.
    expect((await customerWrites(w, "STOP", stop.fields)).stored).toBe(false);
    await customerWrites(w, "stop!");
    await settle(w, { inbound: 3, outboxRows: 1 });
    expect(await outbound(w)).toHaveLength(1);

    // A message processed again (a job rerun after a crash) finds it stored and sends nothing either.
    const again = await prisma.$transaction((tx) =>
      receiveMessage(tx, { organizationId: w.organizationId, actor: systemActor("WhatsApp") }, {
        channelId: w.channel.id,
        from: { phone: w.phone },
        providerMessageId: stop.fields.MessageSid!,
        body: "STOP",
        media: [],
        sentAt: new Date(),
      }),
    );
    expect(again).toMatchObject({ created: false, optedOut: false });
    expect(await outbound(w)).toHaveLength(1);

    // The flag is the confirmation's alone: an agent's message is refused with the reason.
    await expectTRPCError(
      prisma.$transaction((tx) =>
        sendMessage(tx, { organizationId: w.organizationId, actor: userActor(w.owner.id) }, { conversationId: confirmation!.conversationId, content: { kind: "TEXT", body: "Are you sure?" } }),
      ),
      "PRECONDITION_FAILED",
      /opted out of WhatsApp messages/,
    );
    expect(await outbound(w)).toHaveLength(1);
  });

  test("a message queued before the STOP is refused by the send job, while the confirmation still goes", async () => {
    const w = await world("SMS");
    await customerWrites(w, "Send me the BankNifty levels");
    await settle(w, { inbound: 1, outboxRows: 0 });
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    // Written while the customer was still subscribed, and their STOP lands before it went out (one
    // transaction, so the job sees both).
    await prisma.$transaction(async (tx) => {
      await sendMessage(tx, { organizationId: w.organizationId, actor: userActor(w.owner.id) }, { conversationId: conversation.id, content: { kind: "TEXT", body: "Today's levels: 52,100 / 52,480" } });
      await receiveMessage(tx, { organizationId: w.organizationId, actor: systemActor("SMS") }, {
        channelId: w.channel.id,
        from: { phone: w.phone },
        providerMessageId: `SM${"a".repeat(32)}`,
        body: "STOP",
        media: [],
        sentAt: new Date(),
      });
    });
    const [levels, confirmation] = await outbound(w);
    await waitFor(() => prisma.message.findUniqueOrThrow({ where: { id: confirmation!.id } }), (m) => m.providerMessageId !== null, "the confirmation sent");
    expect(await prisma.message.findUniqueOrThrow({ where: { id: levels!.id } })).toMatchObject({ status: "FAILED", errorCode: "REFUSED" });
    expect((await outbox(w)).map((row) => row.body)).toEqual([DEFAULT_OPT_OUT_CONFIRMATION]);
  });

  test("START opts back in with a short confirmation; the organization's own words and texts are used, another organization's are not", async () => {
    const w = await world();
    const ctx = { organizationId: w.organizationId, actor: userActor(w.owner.id) };
    await prisma.$transaction(async (tx) => {
      await addConsentKeyword(tx, ctx, { list: "OPT_OUT", word: "Ruko" });
      await updateConsentConfirmations(tx, ctx, {
        optOutConfirmation: "Theek hai, ab koi message nahi. START likhiye dobara shuru karne ke liye.",
        optInConfirmation: DEFAULT_OPT_IN_CONFIRMATION,
      });
    });
    await customerWrites(w, "ruko!");
    await settle(w, { inbound: 1, outboxRows: 1 });
    await customerWrites(w, "Start");
    await settle(w, { inbound: 2, outboxRows: 2 });
    expect((await outbound(w)).map((m) => [m.actorLabel, m.flags])).toEqual([
      ["Opt-out confirmation", ["OPT_OUT_CONFIRMATION"]],
      ["Opt-in confirmation", []],
    ]);
    expect((await outbox(w)).map((row) => row.body)).toEqual([
      "Theek hai, ab koi message nahi. START likhiye dobara shuru karne ke liye.",
      DEFAULT_OPT_IN_CONFIRMATION,
    ]);

    // Another organization keeps the defaults: "ruko" means nothing there.
    const other = await world();
    await customerWrites(other, "ruko");
    await settle(other, { inbound: 1, outboxRows: 0 });
    expect(await prisma.message.findFirstOrThrow({ where: { organizationId: other.organizationId } })).toMatchObject({ flags: [] });
    expect(await prisma.contactConsent.count({ where: { organizationId: other.organizationId } })).toBe(0);
  });
});
