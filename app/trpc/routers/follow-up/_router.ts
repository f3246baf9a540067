import { router } from "~/trpc/trpc.server";

export const followUpRouter = router({});
