import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { receiveInboundEmail, type ReceiveMessage } from "~/services/conversation/receive-inbound-email.server";
import { prisma } from "~/utils/db.server";

// WIRE AT MERGE: the one call to receiveMessage. Replace this stand-in with
//   import { receiveMessage } from "~/services/conversation/receive-message.server";
// and pass `receiveMessage` to receiveInboundEmail below. Until then the job fails (and retries) rather
// than drop the message: the stored event stays unprocessed.
const receiveMessage: ReceiveMessage = async () => {
  throw new Error("receiveMessage is not wired into messages_receive_email yet");
};

/** Turns a stored inbound email into a message in its conversation; a repeat of a processed event does nothing. */
const messagesReceiveEmail: Task = async (payload, helpers) => {
  const { webhookEventId } = taskPayloadSchemas.messages_receive_email.parse(payload);
  const result = await receiveInboundEmail(prisma, { webhookEventId }, receiveMessage);
  helpers.logger.debug(`messages_receive_email ${webhookEventId}: ${result}`);
};

export default messagesReceiveEmail;
