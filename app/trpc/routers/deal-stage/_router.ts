import { router } from "~/trpc/trpc.server";

export const dealStageRouter = router({});
