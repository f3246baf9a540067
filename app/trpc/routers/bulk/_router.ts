import { router } from "~/trpc/trpc.server";

export const bulkRouter = router({});
