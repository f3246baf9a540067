import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { applyStoredRazorpayEvents, lockOrderKeysOfStoredEvents, type StoredEventOutcome } from "~/services/payment/apply-stored-razorpay-events.server";
import { prisma } from "~/utils/db.server";
import { createMicroBatcher } from "~/utils/micro-batch";

/** Transactions applying events at once in this worker. */
const LANES = 4;

/**
 * The events of the jobs running at the same time in this worker are applied together, a batch per
 * lane in one transaction (each event still through applyRazorpayEvent). Every event about the same
 * payment goes to the same lane, which runs one batch at a time, so the lanes' transactions never wait
 * on each other's payments and their statements and commits overlap.
 */
const lanes = Array.from({ length: LANES }, () =>
  createMicroBatcher<string, StoredEventOutcome>((webhookEventIds) => applyStoredRazorpayEvents(prisma, { webhookEventIds }), { maxBatch: 50, maxInFlight: 1 }),
);

/** FNV-1a: the same lane for the same key in every run of this worker. */
function laneOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % LANES;
}

/**
 * Applies stored Razorpay events (one, or those stored together) to payments, links, orders and
 * contacts; a rerun changes nothing. The job fails, to run again, when any of them failed.
 */
const paymentsApplyEvents: Task = async (payload, helpers) => {
  const parsed = taskPayloadSchemas.payments_apply_events.parse(payload);
  const webhookEventIds = "webhookEventIds" in parsed ? parsed.webhookEventIds : [parsed.webhookEventId];
  const keys = await lockOrderKeysOfStoredEvents(prisma, { webhookEventIds });
  const outcomes = await Promise.allSettled(webhookEventIds.map((id) => lanes[laneOf(keys.get(id) ?? "")]!.add(id)));
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  helpers.logger.debug(`payments_apply_events: ${outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : "failed")).join(", ")}`);
};

export default paymentsApplyEvents;
