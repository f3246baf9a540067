import type { Task } from "graphile-worker";
import { applyStatusReports, type RefAndReport } from "~/services/conversation/apply-status-reports.server";
import type { StatusOutcome } from "~/services/conversation/apply-status-report.server";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { prisma } from "~/utils/db.server";
import { createMicroBatcher } from "~/utils/micro-batch";

/**
 * The reports whose jobs run at the same time in this worker are applied together, in one
 * transaction (each still through applyStatusReport); two such transactions at most.
 */
const batcher = createMicroBatcher<RefAndReport, StatusOutcome>((items) => applyStatusReports(prisma, items), { maxBatch: 200, maxInFlight: 2 });

/** A delivery status the sandbox reports for a message it "sent", applied through the same path as Twilio's. */
const messagesSandboxStatus: Task = async (payload, helpers) => {
  const { organizationId, channelId, providerMessageId, status, occurredAt, errorCode, errorMessage } =
    taskPayloadSchemas.messages_sandbox_status.parse(payload);
  const outcome = await batcher.add({
    ref: { organizationId, channelId, providerMessageId },
    report: { status, occurredAt: new Date(occurredAt), errorCode, errorMessage },
  });
  helpers.logger.debug(`messages_sandbox_status ${providerMessageId} ${status}: ${outcome}`);
};

export default messagesSandboxStatus;
