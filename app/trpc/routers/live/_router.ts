import { orgProcedure, router } from "~/trpc/trpc.server";
import { liveTopicsSchema } from "~/trpc/routers/live/topics.schema";
import { liveTopicsHandler } from "~/trpc/routers/live/topics.handler";

export const liveRouter = router({
  topics: orgProcedure("VIEWER").input(liveTopicsSchema).query(liveTopicsHandler),
});
