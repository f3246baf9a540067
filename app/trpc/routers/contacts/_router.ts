import { router } from "~/trpc/trpc.server";

export const contactsRouter = router({});
