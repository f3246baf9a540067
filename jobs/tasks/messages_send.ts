import type { Task } from "graphile-worker";
import { conversationSendQueue } from "~/services/conversation/send-message.server";
import { deliverMessage } from "~/services/conversation/deliver-message.server";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { prisma } from "~/utils/db.server";

/**
 * Sends one queued message (job key messages_send:<messageId>, queue conversation:<id>). When the
 * sender has no free slot, or an earlier message of the conversation has not gone yet, it puts itself
 * back in the queue for later (a new job under the same key, attempts untouched) and ends, rather
 * than waiting while it holds a worker.
 */
const messagesSend: Task = async (payload, helpers) => {
  const { organizationId, messageId } = taskPayloadSchemas.messages_send.parse(payload);
  const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  const result = await deliverMessage(prisma, { organizationId, messageId }, { lastAttempt });
  if (result.outcome === "later") {
    await enqueueJob(prisma, "messages_send", { organizationId, messageId }, {
      jobKey: jobKey("messages_send", messageId),
      queueName: conversationSendQueue(result.conversationId),
      runAt: result.runAt,
    });
  }
};

export default messagesSend;
