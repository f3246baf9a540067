// One-shot messages shown after an action ("Invitation sent"), carried in a
// flash cookie so they survive the redirect and work without JavaScript.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { z } from "zod";
import { cookieSecrets, isProduction } from "~/utils/secrets.server";
import type { Toast } from "~/utils/toast";

const toastSchema = z.object({
  type: z.enum(["success", "error", "info"]),
  message: z.string().max(500),
});

function toastStorage() {
  return createCookieSessionStorage({
    cookie: {
      name: "__toast",
      httpOnly: true,
      sameSite: "lax",
      secure: isProduction(),
      path: "/",
      secrets: cookieSecrets(),
    },
  });
}

export async function setToastCookie(request: Request | null, toast: Toast): Promise<string> {
  const storage = toastStorage();
  const session = await storage.getSession(request?.headers.get("Cookie"));
  session.flash("toast", toast);
  return storage.commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await setToastCookie(null, toast));
  return redirect(url, { ...init, headers });
}

export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const storage = toastStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  const parsed = toastSchema.safeParse(session.get("toast"));
  if (!parsed.success) return { toast: null, setCookie: null };
  return { toast: parsed.data, setCookie: await storage.commitSession(session) };
}
