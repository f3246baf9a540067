import { router } from "~/trpc/trpc.server";

export const contactRouter = router({});
