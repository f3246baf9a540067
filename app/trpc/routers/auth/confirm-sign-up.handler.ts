import type { Context } from "~/trpc/trpc.server";
import type { ConfirmSignUpInput } from "~/trpc/routers/auth/confirm-sign-up.schema";
import { confirmSignUp, previewSignUp } from "~/services/sign-up.server";

export function previewSignUpHandler({ ctx, input }: { ctx: Context; input: ConfirmSignUpInput }) {
  return previewSignUp(ctx.db, input.token);
}

export function confirmSignUpHandler({ ctx, input }: { ctx: Context; input: ConfirmSignUpInput }) {
  return confirmSignUp(ctx.db, input.token);
}
