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

/**
 * A delivery status the sandbox reports for messages it "sent" on one channel (the sends stored
 * together share one job per step; a job queued before that names one), applied through the same
 * path as Twilio's.
 */
const messagesSandboxStatus: Task = async (payload, helpers) => {
  const { organizationId, channelId, providerMessageId, providerMessageIds, status, occurredAt, errorCode, errorMessage } =
    taskPayloadSchemas.messages_sandbox_status.parse(payload);
  const ids = [...new Set([...(providerMessageIds ?? []), ...(providerMessageId ? [providerMessageId] : [])])];
  const report = { status, occurredAt: new Date(occurredAt), errorCode, errorMessage };
  const outcomes = await Promise.all(ids.map((id) => batcher.add({ ref: { organizationId, channelId, providerMessageId: id }, report })));
  helpers.logger.debug(`messages_sandbox_status ${status} for ${ids.length}: ${outcomes.join(", ")}`);
};

export default messagesSandboxStatus;
