import type { Task } from "graphile-worker";
import { conversationSendQueue } from "~/services/conversation/send-message.server";
import { deliverMessages, type DeliveryOutcome, type DeliveryRequest } from "~/services/conversation/deliver-message.server";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { wakeWorkersIn } from "~/services/job-wake.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { now } from "~/utils/clock";
import { prisma } from "~/utils/db.server";
import { createMicroBatcher } from "~/utils/micro-batch";

/**
 * The send jobs running at the same time in this worker are delivered together (one read, one
 * SENDING mark, one store for all of them; each message still decides alone), a few such batches
 * at once so one batch's provider calls overlap another's statements.
 */
const batcher = createMicroBatcher<DeliveryRequest, DeliveryOutcome>(
  async (requests) => {
    const results = await deliverMessages(prisma, requests);
    return new Map(requests.map((request, index) => [request, results[index]!]));
  },
  { maxBatch: 100, maxInFlight: 3, gatherSameTurn: true },
);

/**
 * Sends one queued message (job key messages_send:<messageId>, queue conversation:<id>). When the
 * sender has no free slot, or an earlier message of the conversation has not gone yet, it puts itself
 * back in the queue for later (a new job under the same key, attempts untouched) and ends, rather
 * than waiting while it holds a worker; the workers are woken when it comes due.
 */
const messagesSend: Task = async (payload, helpers) => {
  const { organizationId, messageId } = taskPayloadSchemas.messages_send.parse(payload);
  const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  const result = await batcher.add({ organizationId, messageId, lastAttempt });
  if (result.outcome === "later") {
    await enqueueJob(prisma, "messages_send", { organizationId, messageId }, {
      jobKey: jobKey("messages_send", messageId),
      queueName: conversationSendQueue(result.conversationId),
      runAt: result.runAt,
    });
    wakeWorkersIn(result.runAt.getTime() - now().getTime());
  }
};

export default messagesSend;
