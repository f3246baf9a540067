import type { Task } from "graphile-worker";
import { applyStatusReport } from "~/services/conversation/apply-status-report.server";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { prisma } from "~/utils/db.server";

/** A delivery status the sandbox reports for a message it "sent", applied through the same path as Twilio's. */
const messagesSandboxStatus: Task = async (payload) => {
  const { organizationId, channelId, providerMessageId, status, occurredAt, errorCode, errorMessage } =
    taskPayloadSchemas.messages_sandbox_status.parse(payload);
  await prisma.$transaction((tx) =>
    applyStatusReport(tx, { organizationId, channelId, providerMessageId }, { status, occurredAt: new Date(occurredAt), errorCode, errorMessage }),
  );
};

export default messagesSandboxStatus;
