import { orgProcedure, router } from "~/trpc/trpc.server";
import { listInboxSchema } from "~/trpc/routers/inbox/list.schema";
import { listInboxHandler } from "~/trpc/routers/inbox/list.handler";
import { inboxCountsHandler } from "~/trpc/routers/inbox/counts.handler";
import { assignConversationSchema } from "~/trpc/routers/inbox/assign.schema";
import { assignConversationHandler } from "~/trpc/routers/inbox/assign.handler";

export const inboxRouter = router({
  list: orgProcedure("VIEWER").input(listInboxSchema).query(listInboxHandler),
  counts: orgProcedure("VIEWER").query(inboxCountsHandler),
  assign: orgProcedure("AGENT").input(assignConversationSchema).mutation(assignConversationHandler),
});
