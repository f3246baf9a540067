import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateCustomFieldInput } from "~/trpc/routers/custom-field/create.schema";
import { assertCanManageFields } from "~/trpc/routers/custom-field/custom-field-guards.server";
import { customFieldKeyFromLabel } from "~/domain/custom-field/custom-field-value";
import { findCustomFieldByKey, insertCustomField } from "~/models/custom-field.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export const CUSTOM_FIELD_LIMIT = 50;

export async function createCustomFieldHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateCustomFieldInput }) {
  assertCanManageFields(ctx);
  const organizationId = ctx.org.id;
  const key = customFieldKeyFromLabel(input.label);
  const taken = () =>
    new TRPCError({ code: "CONFLICT", message: `A field with the key "${key}" already exists. Choose a different label.` });
  if (await findCustomFieldByKey(ctx.db, { organizationId, key })) throw taken();
  return ctx.db.$transaction(async (tx) => {
    if ((await tx.customFieldDefinition.count({ where: { organizationId } })) >= CUSTOM_FIELD_LIMIT) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `An organization can have up to ${CUSTOM_FIELD_LIMIT} custom fields.` });
    }
    try {
      const field = await insertCustomField(tx, { organizationId, key, label: input.label, type: input.type, options: input.options });
      return { id: field.id, key: field.key, label: field.label, type: field.type, options: field.options, position: field.position };
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  });
}
