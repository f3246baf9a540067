// POST /webhooks/forms/:formKey — a website form posts a lead here (public; the
// key in the path identifies the organization's form). Accepts form-encoded,
// multipart or JSON. A browser post is answered with a redirect when the form
// has one; anything else gets JSON. Never tells the public an id.
//
// Websites call it from their own origin, so it speaks CORS: OPTIONS answers
// the preflight a JSON fetch() sends, and every answer to a POST — errors too —
// carries Access-Control-Allow-Origin, so the page's script can read it. Any
// website may post unless the form lists the websites allowed to; then others
// are refused (403, no CORS headers, nothing stored). Never with credentials:
// nothing here reads cookies.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { MAX_FORM_FIELDS, MAX_FORM_VALUE_LENGTH, submitWebForm, webFormAccess } from "~/services/form-submission.server";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";

const MAX_BODY_BYTES = 64 * 1024;
/** How long a browser may reuse a preflight answer (Chromium caps it at two hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 7_200;

/** Headers for every answer: CORS for `allowOrigin` (none when null), never cached. */
function corsHeaders(allowOrigin: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "Cache-Control": "no-store",
    // The answer depends on the Origin when a form lists websites.
    Vary: "Origin",
    ...(allowOrigin ? { "Access-Control-Allow-Origin": allowOrigin } : {}),
    ...extra,
  };
}

function originOf(request: Request): string | null {
  return request.headers.get("Origin");
}

function refusedOrigin(origin: string | null): string {
  return `This form doesn't accept posts from ${origin && origin !== "null" ? origin : "this page"}. The form's owner lists the websites that may use it.`;
}

class BodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function readLimited(request: Request): Promise<Buffer> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new BodyError("The submission is too large.", 413);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new BodyError("The submission is too large.", 413);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function clip(value: string): string {
  return value.length > MAX_FORM_VALUE_LENGTH ? value.slice(0, MAX_FORM_VALUE_LENGTH) : value;
}

async function readFields(request: Request, contentType: string): Promise<Record<string, string>> {
  const bytes = await readLimited(request);
  const fields: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (key in fields) return;
    if (Object.keys(fields).length >= MAX_FORM_FIELDS) throw new BodyError("The submission has too many fields.", 413);
    fields[key.slice(0, 100)] = clip(value);
  };
  if (contentType.includes("json")) {
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new BodyError("The body isn't valid JSON.", 400);
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new BodyError("Send a JSON object of fields.", 400);
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string") add(key, value);
      else if (typeof value === "number" || typeof value === "boolean") add(key, String(value));
    }
    return fields;
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(bytes.toString("utf8"))) add(key, value);
    return fields;
  }
  if (contentType.includes("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(new Blob([new Uint8Array(bytes)]), { headers: { "Content-Type": contentType } }).formData();
    } catch {
      throw new BodyError("The form data couldn't be read.", 400);
    }
    for (const [key, value] of form) if (typeof value === "string") add(key, value);
    return fields;
  }
  throw new BodyError("Send the form as application/x-www-form-urlencoded, multipart/form-data or JSON.", 415);
}

/** The form's redirect: an https URL as is, a relative path against the page that posted the form. */
function redirectTarget(redirectUrl: string | null, request: Request): URL | null {
  if (!redirectUrl) return null;
  try {
    if (/^https:\/\//i.test(redirectUrl)) return new URL(redirectUrl);
    const origin = request.headers.get("Origin");
    const base = origin && origin !== "null" ? origin : request.headers.get("Referer");
    return base ? new URL(redirectUrl, base) : null;
  } catch {
    return null;
  }
}

function backTarget(redirectUrl: string | null, request: Request): URL | null {
  const referer = request.headers.get("Referer");
  try {
    if (referer) return new URL(referer);
  } catch {
    // fall through to the form's redirect
  }
  return redirectTarget(redirectUrl, request);
}

function seeOther(url: URL, headers: Record<string, string>) {
  return redirect(url.toString(), { status: 303, headers });
}

/** OPTIONS is the CORS preflight a browser sends before a JSON post from another website. */
async function preflight(request: Request, formKey: string) {
  const origin = originOf(request);
  const access = await webFormAccess(prisma, { formKey, origin });
  if (!access.allowed) {
    return new Response(refusedOrigin(origin), { status: 403, headers: corsHeaders(null, { "Content-Type": "text/plain; charset=utf-8" }) });
  }
  return new Response(null, {
    status: 204,
    headers: corsHeaders(access.allowOrigin, {
      Allow: "POST, OPTIONS",
      "Access-Control-Allow-Methods": "POST",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_SECONDS),
    }),
  });
}

function notAllowed() {
  return json(
    { ok: false, error: "Post the form to this address." },
    { status: 405, headers: corsHeaders("*", { Allow: "POST, OPTIONS" }) },
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return preflight(request, params.formKey ?? "");
  return notAllowed();
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return notAllowed();
  const origin = originOf(request);
  const access = await webFormAccess(prisma, { formKey: params.formKey ?? "", origin });
  if (!access.allowed) {
    await request.body?.cancel().catch(() => {});
    return json({ ok: false, error: refusedOrigin(origin) }, { status: 403, headers: corsHeaders(null) });
  }
  const headers = corsHeaders(access.allowOrigin);
  const contentType = (request.headers.get("Content-Type") ?? "").toLowerCase();
  // A page's own form post (not a script sending JSON): answer with pages, not JSON, when we can.
  const browserPost = !contentType.includes("json") && (request.headers.get("Accept") ?? "").includes("text/html");

  let fields: Record<string, string>;
  try {
    fields = await readFields(request, contentType);
  } catch (error) {
    if (error instanceof BodyError) return json({ ok: false, error: error.message }, { status: error.status, headers });
    throw error;
  }

  const outcome = await submitWebForm(prisma, { form: access.form, fields, ip: clientIp(request) });
  switch (outcome.kind) {
    case "not_found":
      return json({ ok: false, error: "This form doesn't exist or is switched off." }, { status: 404, headers });
    case "rate_limited":
      return json(
        { ok: false, error: `Too many submissions from your network. Try again in ${outcome.retryAfterSeconds} seconds.` },
        { status: 429, headers: { ...headers, "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    case "invalid": {
      const [field, message] = Object.entries(outcome.fieldErrors)[0] ?? ["form", "Check the form."];
      const back = browserPost ? backTarget(outcome.redirectUrl, request) : null;
      if (back) {
        back.searchParams.set("error", message);
        back.searchParams.set("field", field);
        back.searchParams.delete("submitted");
        return seeOther(back, headers);
      }
      return json({ ok: false, error: message, fieldErrors: outcome.fieldErrors }, { status: 400, headers });
    }
    case "accepted": {
      const target = browserPost ? redirectTarget(outcome.redirectUrl, request) : null;
      if (target) {
        target.searchParams.set("submitted", "1");
        return seeOther(target, headers);
      }
      return json({ ok: true }, { headers });
    }
  }
}
