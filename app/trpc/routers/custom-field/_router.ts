import { router } from "~/trpc/trpc.server";

export const customFieldRouter = router({});
