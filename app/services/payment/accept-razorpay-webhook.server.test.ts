// Storing verified Razorpay events in batches against a real database: repeats in batches that are
// open at the same moment wait for each other instead of deadlocking.
import { expect, test } from "vitest";
import { acceptRazorpayWebhooks, razorpayDedupeKey, type AcceptedRazorpayEvent } from "~/services/payment/accept-razorpay-webhook.server";
import { newPaymentStory, signedRazorpayPost, storyEvent } from "~/testing/razorpay-events";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import { createPaymentAccount } from "../../../prisma/factories-payments";

test("two batches holding the same 200 events in opposite orders both commit, and each event is stored once", async () => {
  const { organization } = await createOrganization(prisma);
  const { account, webhookSecret } = await createPaymentAccount(prisma, { organizationId: organization.id });
  const events: AcceptedRazorpayEvent[] = Array.from({ length: 200 }, (_, n) => {
    const signed = signedRazorpayPost(storyEvent(newPaymentStory(`link-${n}`, 49_900), "payment.captured"), webhookSecret);
    return { account, eventId: signed.eventId, event: "payment.captured", raw: signed.raw };
  });
  // An earlier delivery of the middle event, not committed yet, holds both batches up at the same
  // moment: the one in arrival order has stored the first half, the other the second half.
  let inserted!: () => void;
  let release!: () => void;
  const holding = new Promise<void>((resolve) => (inserted = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const earlier = prisma
    .$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "WebhookEvent" ("provider", "kind", "dedupeKey", "organizationId", "payload")
        VALUES ('razorpay', 'payment.captured', ${razorpayDedupeKey(account.id, events[100]!.eventId)}, ${organization.id}::uuid, '{}'::jsonb)`;
      inserted();
      await released;
      throw new Error("the earlier delivery's transaction rolls back");
    })
    .catch(() => {});
  await holding;
  const batches = Promise.all([acceptRazorpayWebhooks(prisma, events), acceptRazorpayWebhooks(prisma, [...events].reverse())]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  await earlier;
  const [forwards, backwards] = await batches;
  const storedBy = events.map((_, n) => Number(forwards[n]!.stored) + Number(backwards[199 - n]!.stored));
  expect(storedBy).toEqual(Array(200).fill(1));
  expect(await prisma.webhookEvent.count({ where: { organizationId: organization.id } })).toBe(200);
});
