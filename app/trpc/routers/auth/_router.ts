import { publicProcedure, router } from "~/trpc/trpc.server";
import { signUpSchema } from "~/domain/auth/sign-up.schema";
import { signUpHandler } from "~/trpc/routers/auth/sign-up.handler";
import { confirmSignUpSchema } from "~/trpc/routers/auth/confirm-sign-up.schema";
import { confirmSignUpHandler, previewSignUpHandler } from "~/trpc/routers/auth/confirm-sign-up.handler";

export const authRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(signUpHandler),
  signUpPreview: publicProcedure.input(confirmSignUpSchema).query(previewSignUpHandler),
  confirmSignUp: publicProcedure.input(confirmSignUpSchema).mutation(confirmSignUpHandler),
});
