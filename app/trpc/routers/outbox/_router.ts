import { TRPCError } from "@trpc/server";
import { orgProcedure, router } from "~/trpc/trpc.server";
import { findOutboxItem, listOutbox } from "~/models/outbox.server";
import { getOutboxItemSchema, listOutboxSchema } from "~/trpc/routers/outbox/list.schema";

export const outboxRouter = router({
  list: orgProcedure("VIEWER")
    .input(listOutboxSchema)
    .query(({ ctx, input }) => listOutbox(ctx.db, { organizationId: ctx.org.id, ...input })),
  get: orgProcedure("VIEWER")
    .input(getOutboxItemSchema)
    .query(async ({ ctx, input }) => {
      const item = await findOutboxItem(ctx.db, { organizationId: ctx.org.id, id: input.id });
      if (!item) throw new TRPCError({ code: "NOT_FOUND", message: "Message not found." });
      return item;
    }),
});
