import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { receiveTwilioMessage } from "~/services/conversation/receive-twilio-message.server";
import { prisma } from "~/utils/db.server";

/** Turns a stored inbound Twilio webhook into a message in its conversation; a rerun changes nothing. */
const messagesReceive: Task = async (payload, helpers) => {
  const { webhookEventId } = taskPayloadSchemas.messages_receive.parse(payload);
  const outcome = await receiveTwilioMessage(prisma, { webhookEventId });
  helpers.logger.debug(`messages_receive ${webhookEventId}: ${outcome}`);
};

export default messagesReceive;
