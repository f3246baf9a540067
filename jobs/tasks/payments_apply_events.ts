import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { applyStoredRazorpayEvents } from "~/services/payment/apply-stored-razorpay-events.server";
import { prisma } from "~/utils/db.server";

/** Applies stored Razorpay events (one, or those stored together) to payments, links, orders and contacts. */
const paymentsApplyEvents: Task = async (payload, helpers) => {
  const parsed = taskPayloadSchemas.payments_apply_events.parse(payload);
  const webhookEventIds = "webhookEventIds" in parsed ? parsed.webhookEventIds : [parsed.webhookEventId];
  const outcomes = await applyStoredRazorpayEvents(prisma, { webhookEventIds });
  helpers.logger.debug(`payments_apply_events: ${outcomes.join(", ")}`);
};

export default paymentsApplyEvents;
