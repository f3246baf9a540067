import type { Context } from "~/trpc/trpc.server";
import type { SignUpInput } from "~/domain/auth/sign-up.schema";
import { requestSignUp } from "~/services/sign-up.server";
import { clientIp } from "~/utils/request.server";

/** Answers the same for an address with or without an account: `{ email }`; what happens next is in the email. */
export async function signUpHandler({ ctx, input }: { ctx: Context; input: SignUpInput }) {
  const request = await requestSignUp(ctx.db, input, { ip: ctx.request ? clientIp(ctx.request) : "unknown" });
  return { email: request.email, requestId: request.id };
}
