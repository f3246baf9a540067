import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { runContactImport } from "~/services/contact-import.server";
import { prisma } from "~/utils/db.server";

/**
 * Runs or resumes a CSV import; does nothing once it is no longer RUNNING (a retry after completion).
 * When the worker shuts down it stops between batches; the retry resumes after the last committed one.
 */
const contactsImport: Task = async (payload, helpers) => {
  const { importId } = taskPayloadSchemas.contacts_import.parse(payload);
  const result = await runContactImport(prisma, importId, { signal: helpers.abortSignal });
  helpers.logger.debug(`contacts_import ${importId}: ${result.status}`);
};

export default contactsImport;
