import { router } from "~/trpc/trpc.server";

export const companyRouter = router({});
