import { router } from "~/trpc/trpc.server";

export const webFormRouter = router({});
