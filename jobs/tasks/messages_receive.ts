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

/** Turns a stored inbound Twilio webhook into a message in its conversation; a rerun changes nothing. */
const messagesReceive: Task = async (payload, helpers) => {
  const { webhookEventId } = taskPayloadSchemas.messages_receive.parse(payload);
  const outcome = await batcher.add(webhookEventId);
  helpers.logger.debug(`messages_receive ${webhookEventId}: ${outcome}`);
};

export default messagesReceive;
