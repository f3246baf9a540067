import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { receiveTwilioMessages, type ReceiveOutcome } from "~/services/conversation/receive-twilio-message.server";
import { prisma } from "~/utils/db.server";
import { createMicroBatcher } from "~/utils/micro-batch";

/**
 * The events whose jobs run at the same time in this worker are received together, in one
 * transaction (each still through receiveMessage); two such transactions at most, so their commits
 * overlap without many batches fighting over the same conversations.
 */
const batcher = createMicroBatcher<string, ReceiveOutcome>((webhookEventIds) => receiveTwilioMessages(prisma, { webhookEventIds }), {
  maxBatch: 200,
  maxInFlight: 2,
});

/**
 * Turns stored inbound Twilio webhooks (one, or those stored together) into messages in their
 * conversations; a rerun changes nothing. The job fails, to run again, when any of them failed.
 */
const messagesReceive: Task = async (payload, helpers) => {
  const parsed = taskPayloadSchemas.messages_receive.parse(payload);
  const ids = "webhookEventIds" in parsed ? parsed.webhookEventIds : [parsed.webhookEventId];
  const outcomes = await Promise.allSettled(ids.map((id) => batcher.add(id)));
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  helpers.logger.debug(`messages_receive ${ids.join(", ")}: ${outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : "failed")).join(", ")}`);
};

export default messagesReceive;
