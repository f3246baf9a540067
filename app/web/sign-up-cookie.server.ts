// Remembers, for the browser that sent a sign-up, which request it was: the
// "check your email" page names the address (and, in sandbox mode, shows the
// email). Signed, HttpOnly, only sent to /signup pages, gone after a day.
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { cookieSecrets, isProduction } from "~/utils/secrets.server";
import { SIGN_UP_LINK_HOURS } from "~/services/sign-up.server";

const sentSchema = z.object({ id: z.uuid(), email: z.string().max(254) });
export type SentSignUp = z.infer<typeof sentSchema>;

function sentCookie() {
  return createCookie("__signup", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/signup",
    secrets: cookieSecrets(),
    maxAge: SIGN_UP_LINK_HOURS * 3600,
  });
}

export function rememberSentSignUp(sent: SentSignUp): Promise<string> {
  return sentCookie().serialize(sent);
}

export async function readSentSignUp(request: Request): Promise<SentSignUp | null> {
  const parsed = sentSchema.safeParse(await sentCookie().parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : null;
}
