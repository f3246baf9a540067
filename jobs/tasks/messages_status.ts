import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { applyTwilioStatus } from "~/services/conversation/apply-twilio-status.server";
import { prisma } from "~/utils/db.server";

/** Applies a stored Twilio delivery report to its message (forward only), or keeps it until the message has that SID. */
const messagesStatus: Task = async (payload, helpers) => {
  const { webhookEventId } = taskPayloadSchemas.messages_status.parse(payload);
  const outcome = await applyTwilioStatus(prisma, { webhookEventId });
  helpers.logger.debug(`messages_status ${webhookEventId}: ${outcome}`);
};

export default messagesStatus;
