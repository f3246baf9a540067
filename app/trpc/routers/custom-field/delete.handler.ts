import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteCustomFieldInput } from "~/trpc/routers/custom-field/delete.schema";
import { assertCanManageFields } from "~/trpc/routers/custom-field/custom-field-guards.server";
import { deleteCustomField } from "~/models/custom-field.server";

/** Deletes a field and removes its value from every contact. */
export async function deleteCustomFieldHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteCustomFieldInput }) {
  assertCanManageFields(ctx);
  const result = await ctx.db.$transaction((tx) => deleteCustomField(tx, { organizationId: ctx.org.id, id: input.id }));
  if (!result) throw new TRPCError({ code: "NOT_FOUND", message: "Field not found." });
  return { id: result.field.id, label: result.field.label, cleared: result.cleared };
}
