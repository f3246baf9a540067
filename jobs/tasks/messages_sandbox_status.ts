import type { Task } from "graphile-worker";
import { applyStatusReportToMany, type StatusOutcome } from "~/services/conversation/apply-status-report.server";
import { applyStatusReports, type RefAndReport } from "~/services/conversation/apply-status-reports.server";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { prisma } from "~/utils/db.server";
import { createMicroBatcher } from "~/utils/micro-batch";

/**
 * The reports whose jobs run at the same time in this worker are applied together, in one
 * transaction (each still through applyStatusReport); two such transactions at most.
 */
const batcher = createMicroBatcher<RefAndReport, StatusOutcome>((items) => applyStatusReports(prisma, items), { maxBatch: 200, maxInFlight: 2 });

/**
 * A delivery status the sandbox reports for messages it "sent" on one channel, applied through the
 * same path as Twilio's. The sends stored together share one job per step, applied to all of them
 * in one transaction (a failure fails the job, which is retried: applying a report again changes
 * nothing); a job naming one message goes with the others running at the same moment.
 */
const messagesSandboxStatus: Task = async (payload, helpers) => {
  const { organizationId, channelId, providerMessageId, providerMessageIds, status, occurredAt, errorCode, errorMessage } =
    taskPayloadSchemas.messages_sandbox_status.parse(payload);
  const report = { status, occurredAt: new Date(occurredAt), errorCode, errorMessage };
  if (providerMessageIds && providerMessageIds.length > 1) {
    const outcomes = await prisma.$transaction((tx) => applyStatusReportToMany(tx, { organizationId, channelId, providerMessageIds }, report));
    helpers.logger.debug(`messages_sandbox_status ${status} for ${outcomes.size} sends: ${[...outcomes.values()].join(", ")}`);
    return;
  }
  const id = providerMessageIds?.[0] ?? providerMessageId!;
  const outcome = await batcher.add({ ref: { organizationId, channelId, providerMessageId: id }, report });
  helpers.logger.debug(`messages_sandbox_status ${id} ${status}: ${outcome}`);
};

export default messagesSandboxStatus;
