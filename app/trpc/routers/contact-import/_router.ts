import { router } from "~/trpc/trpc.server";

export const contactImportRouter = router({});
