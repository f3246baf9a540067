import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { runContactImport } from "~/services/contact-import.server";
import { prisma } from "~/utils/db.server";

/** Runs or resumes a CSV import; does nothing once it is no longer RUNNING (a retry after completion). */
const contactsImport: Task = async (payload, helpers) => {
  const { importId } = taskPayloadSchemas.contacts_import.parse(payload);
  const result = await runContactImport(prisma, importId);
  helpers.logger.debug(`contacts_import ${importId}: ${result.status}`);
};

export default contactsImport;
