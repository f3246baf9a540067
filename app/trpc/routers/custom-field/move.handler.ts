import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { MoveCustomFieldInput } from "~/trpc/routers/custom-field/move.schema";
import { assertCanManageFields } from "~/trpc/routers/custom-field/custom-field-guards.server";
import { listCustomFields, lockCustomFields, setCustomFieldOrder } from "~/models/custom-field.server";

/** Moves a field one place up or down in the order forms show them. */
export async function moveCustomFieldHandler({ ctx, input }: { ctx: OrgScopedContext; input: MoveCustomFieldInput }) {
  assertCanManageFields(ctx);
  const organizationId = ctx.org.id;
  return ctx.db.$transaction(async (tx) => {
    await lockCustomFields(tx, { organizationId });
    const ids = (await listCustomFields(tx, { organizationId })).map((field) => field.id);
    const index = ids.indexOf(input.id);
    if (index === -1) throw new TRPCError({ code: "NOT_FOUND", message: "Field not found." });
    const target = input.direction === "up" ? index - 1 : index + 1;
    if (target >= 0 && target < ids.length) [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    await setCustomFieldOrder(tx, { organizationId, ids });
    return { ids };
  });
}
