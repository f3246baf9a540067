import { orgProcedure, router } from "~/trpc/trpc.server";
import { createFollowUpSchema } from "~/trpc/routers/follow-up/create.schema";
import { createFollowUpHandler } from "~/trpc/routers/follow-up/create.handler";
import { completeFollowUpSchema } from "~/trpc/routers/follow-up/complete.schema";
import { completeFollowUpHandler } from "~/trpc/routers/follow-up/complete.handler";
import { cancelFollowUpSchema } from "~/trpc/routers/follow-up/cancel.schema";
import { cancelFollowUpHandler } from "~/trpc/routers/follow-up/cancel.handler";
import { listFollowUpsSchema } from "~/trpc/routers/follow-up/list.schema";
import { listFollowUpsHandler } from "~/trpc/routers/follow-up/list.handler";

export const followUpRouter = router({
  list: orgProcedure("VIEWER").input(listFollowUpsSchema).query(listFollowUpsHandler),
  create: orgProcedure("AGENT").input(createFollowUpSchema).mutation(createFollowUpHandler),
  complete: orgProcedure("AGENT").input(completeFollowUpSchema).mutation(completeFollowUpHandler),
  cancel: orgProcedure("AGENT").input(cancelFollowUpSchema).mutation(cancelFollowUpHandler),
});
