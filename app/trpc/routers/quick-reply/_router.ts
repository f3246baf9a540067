import { orgProcedure, router } from "~/trpc/trpc.server";
import { listQuickReplies } from "~/models/quick-reply.server";
import { createQuickReplySchema } from "~/trpc/routers/quick-reply/create.schema";
import { createQuickReplyHandler } from "~/trpc/routers/quick-reply/create.handler";
import { updateQuickReplySchema } from "~/trpc/routers/quick-reply/update.schema";
import { updateQuickReplyHandler } from "~/trpc/routers/quick-reply/update.handler";
import { deleteQuickReplySchema } from "~/trpc/routers/quick-reply/delete.schema";
import { deleteQuickReplyHandler } from "~/trpc/routers/quick-reply/delete.handler";

export const quickReplyRouter = router({
  /** Every quick reply of the organization, by shortcut: the composer offers them to everyone. */
  list: orgProcedure("VIEWER").query(({ ctx }) => listQuickReplies(ctx.db, { organizationId: ctx.org.id })),
  create: orgProcedure("VIEWER").input(createQuickReplySchema).mutation(createQuickReplyHandler),
  update: orgProcedure("VIEWER").input(updateQuickReplySchema).mutation(updateQuickReplyHandler),
  delete: orgProcedure("VIEWER").input(deleteQuickReplySchema).mutation(deleteQuickReplyHandler),
});
