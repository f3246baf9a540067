import { router } from "~/trpc/trpc.server";

export const tagRouter = router({});
