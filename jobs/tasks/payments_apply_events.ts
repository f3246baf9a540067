import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { applyStoredRazorpayEvents, type StoredEventOutcome } from "~/services/payment/apply-stored-razorpay-events.server";
import { prisma } from "~/utils/db.server";
import { createMicroBatcher } from "~/utils/micro-batch";

/**
 * The events of the jobs running at the same time in this worker are applied together, in one
 * transaction at a time (each event still through applyRazorpayEvent, in lock order). One at a time,
 * not several: on a machine the worker shares with the web server, two or four transactions at once
 * applied a burst of events at most 1.6× faster and took the CPU the webhook answers need (decision 112).
 * More throughput comes from more worker processes.
 */
const batcher = createMicroBatcher<string, StoredEventOutcome>((webhookEventIds) => applyStoredRazorpayEvents(prisma, { webhookEventIds }), {
  maxBatch: 50,
  maxInFlight: 1,
});

/**
 * Applies stored Razorpay events (one, or those stored together) to payments, links, orders and
 * contacts; a rerun changes nothing. The job fails, to run again, when any of them failed.
 */
const paymentsApplyEvents: Task = async (payload, helpers) => {
  const parsed = taskPayloadSchemas.payments_apply_events.parse(payload);
  const webhookEventIds = "webhookEventIds" in parsed ? parsed.webhookEventIds : [parsed.webhookEventId];
  const outcomes = await Promise.allSettled(webhookEventIds.map((id) => batcher.add(id)));
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  helpers.logger.debug(`payments_apply_events: ${outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : "failed")).join(", ")}`);
};

export default paymentsApplyEvents;
