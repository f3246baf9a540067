import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetBulkOperationInput } from "~/trpc/routers/bulk/get.schema";
import { describeBulkCommand, describeBulkResult } from "~/domain/bulk/bulk-command";
import { findBulkOperation } from "~/services/bulk-contacts.server";

/** A bulk action's progress and, once finished, what it did. */
export async function getBulkOperationHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetBulkOperationInput }) {
  const operation = await findBulkOperation(ctx.db, { organizationId: ctx.org.id, id: input.id });
  if (!operation) throw new TRPCError({ code: "NOT_FOUND", message: "Bulk action not found." });
  const { command } = operation;
  return {
    ...operation,
    title: command ? describeBulkCommand(command) : "Bulk action",
    message:
      command && operation.status === "COMPLETED"
        ? describeBulkResult(command, { total: operation.total, changed: operation.changed })
        : null,
  };
}
