import { router } from "~/trpc/trpc.server";

export const dealRouter = router({});
