import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { receiveInboundEmail } from "~/services/conversation/receive-inbound-email.server";
import { receiveMessage } from "~/services/conversation/receive-message.server";
import { prisma } from "~/utils/db.server";

/** Turns a stored inbound email into a message in its conversation; a repeat of a processed event does nothing. */
const messagesReceiveEmail: Task = async (payload, helpers) => {
  const { webhookEventId } = taskPayloadSchemas.messages_receive_email.parse(payload);
  const result = await receiveInboundEmail(prisma, { webhookEventId }, receiveMessage);
  helpers.logger.debug(`messages_receive_email ${webhookEventId}: ${result}`);
};

export default messagesReceiveEmail;
