// Email + password sign-in through remix-auth's form strategy, with throttling
// and one answer for an unknown email and a wrong password.
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { signInSchema } from "~/domain/auth/sign-in.schema";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { verifyAgainstDummy, verifyPassword } from "~/services/password.server";
import { throttledSignIn } from "~/services/login-throttle.server";

export type SignedInUser = { id: string; email: string; defaultOrganizationId: string | null };

export class SignInError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const INVALID_CREDENTIALS = "That email and password don't match an account.";

function waitMessage(seconds: number): string {
  if (seconds < 60) return `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

async function verifyCredentials({ form, request }: { form: FormData; request: Request }): Promise<SignedInUser> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    throw new SignInError("Check the highlighted fields.", 400, fieldErrors);
  }
  const { email, password } = parsed.data;
  const outcome = await throttledSignIn(email, clientIp(request), async () => {
    const user = await prisma.user.findUnique({
      where: { email },
      select: {
        id: true,
        email: true,
        passwordHash: true,
        memberships: { select: { organizationId: true }, orderBy: { createdAt: "asc" }, take: 1 },
      },
    });
    const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    return user && ok ? user : null;
  });
  if (outcome.status === "throttled") {
    throw new SignInError(waitMessage(outcome.retryAfterSeconds), 429, {}, outcome.retryAfterSeconds);
  }
  if (outcome.status === "invalid") throw new SignInError(INVALID_CREDENTIALS, 401);
  const user = outcome.value;
  return { id: user.id, email: user.email, defaultOrganizationId: user.memberships[0]?.organizationId ?? null };
}

export const authenticator = new Authenticator<SignedInUser>();
authenticator.use(new FormStrategy(verifyCredentials), "password");
