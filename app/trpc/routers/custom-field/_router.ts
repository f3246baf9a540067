import { orgProcedure, router } from "~/trpc/trpc.server";
import { listCustomFields } from "~/models/custom-field.server";
import { createCustomFieldSchema } from "~/trpc/routers/custom-field/create.schema";
import { createCustomFieldHandler } from "~/trpc/routers/custom-field/create.handler";
import { moveCustomFieldSchema } from "~/trpc/routers/custom-field/move.schema";
import { moveCustomFieldHandler } from "~/trpc/routers/custom-field/move.handler";
import { deleteCustomFieldSchema } from "~/trpc/routers/custom-field/delete.schema";
import { deleteCustomFieldHandler } from "~/trpc/routers/custom-field/delete.handler";
import { updateCustomFieldSchema } from "~/trpc/routers/custom-field/update.schema";
import { updateCustomFieldHandler } from "~/trpc/routers/custom-field/update.handler";

export const customFieldRouter = router({
  /** The organization's custom fields in display order. */
  list: orgProcedure("VIEWER").query(async ({ ctx }) =>
    (await listCustomFields(ctx.db, { organizationId: ctx.org.id })).map((field) => ({
      id: field.id,
      key: field.key,
      label: field.label,
      type: field.type,
      options: field.options,
      position: field.position,
    })),
  ),
  create: orgProcedure("ADMIN").input(createCustomFieldSchema).mutation(createCustomFieldHandler),
  update: orgProcedure("ADMIN").input(updateCustomFieldSchema).mutation(updateCustomFieldHandler),
  move: orgProcedure("ADMIN").input(moveCustomFieldSchema).mutation(moveCustomFieldHandler),
  delete: orgProcedure("ADMIN").input(deleteCustomFieldSchema).mutation(deleteCustomFieldHandler),
});
