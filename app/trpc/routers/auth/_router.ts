import { publicProcedure, router } from "~/trpc/trpc.server";
import { signUpSchema } from "~/trpc/routers/auth/sign-up.schema";
import { signUpHandler } from "~/trpc/routers/auth/sign-up.handler";

export const authRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(signUpHandler),
});
