import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { runBulkOperation } from "~/services/bulk-contacts.server";
import { prisma } from "~/utils/db.server";

/**
 * Runs (or resumes) a large bulk action in batches. Safe to run again: a
 * finished operation returns at once, and each batch only touches contacts not
 * yet in the target state. When the worker shuts down it stops between
 * batches; the retry resumes from there.
 */
const contactsBulkApply: Task = async (payload, helpers) => {
  const { operationId } = taskPayloadSchemas.contacts_bulk_apply.parse(payload);
  await runBulkOperation(prisma, operationId, {
    isFinalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
    signal: helpers.abortSignal,
  });
};

export default contactsBulkApply;
