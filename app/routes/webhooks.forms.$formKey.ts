// POST /webhooks/forms/:formKey — a website form posts a lead here (public; the
// key in the path identifies the organization's form). Accepts form-encoded,
// multipart or JSON. A visitor's browser posting a plain HTML form (Accept:
// text/html) gets what the form's owner chose — a thank-you page in the
// organization's name, back to the page with ?leadlane=thanks, or a redirect —
// and its errors as small pages too; scripts and servers get JSON. Never tells
// the public an id. It sends visitors back only to the page they posted from,
// and only on the website the browser names in Origin (never an open redirect).
//
// Websites call it from their own origin, so it speaks CORS: OPTIONS answers
// the preflight a JSON fetch() sends, and every answer to a POST — errors too —
// carries Access-Control-Allow-Origin, so the page's script can read it. Any
// website may post unless the form lists the websites allowed to; then others
// are refused (403, no CORS headers, nothing stored). Never with credentials:
// nothing here reads cookies.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  MAX_FORM_FIELDS,
  MAX_FORM_VALUE_LENGTH,
  submitWebForm,
  webFormAccess,
  type PublicWebForm,
} from "~/services/form-submission.server";
import { browserAnswer, type BrowserAnswer } from "~/web/web-form-answer.server";
import { BACK_TO_PAGE_MARKER, PAGE_FIELD } from "~/trpc/routers/web-form/create.schema";
import { prisma } from "~/utils/db.server";
import { clientIp } from "~/utils/request.server";
import { returnAddress } from "~/utils/web-form-origin";
import { BodyTooLargeError, readLimitedBody } from "~/web/limited-body.server";

const MAX_BODY_BYTES = 64 * 1024;
/** How long a browser may reuse a preflight answer (Chromium caps it at two hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 7_200;

/** Headers for every answer: CORS for `allowOrigin` (none when null), never cached. */
function corsHeaders(allowOrigin: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "Cache-Control": "no-store",
    // The answer depends on the Origin when a form lists websites, and on whether a browser asks for a page.
    Vary: "Origin, Accept",
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
  try {
    return await readLimitedBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new BodyError("The submission is too large.", 413);
    throw error;
  }
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

/**
 * The page that posted the form, when it's safe to send the visitor back there
 * (see returnAddress): the page's own address from the hidden PAGE_FIELD when
 * it has one (browsers send only the website in Referer to another site, unless
 * the page relaxes its referrer policy), else the Referer.
 */
function backTarget(form: PublicWebForm, request: Request, page: string | null): URL | null {
  const check = (referer: string | null) => returnAddress({ referer, origin: originOf(request), allowedOrigins: form.allowedOrigins });
  return (page ? check(page) : null) ?? check(request.headers.get("Referer"));
}

/** Takes the page's address out of the fields: it says where to go back, it isn't something the visitor typed. */
function takePageField(fields: Record<string, string>): string | null {
  const page = fields[PAGE_FIELD] ?? null;
  delete fields[PAGE_FIELD];
  return page;
}

function seeOther(url: URL, headers: Record<string, string>) {
  return redirect(url.toString(), { status: 303, headers });
}

/** A page's own form post (not a script sending JSON, not a server): answered with pages, not JSON. */
function isBrowserNavigation(request: Request): boolean {
  const contentType = (request.headers.get("Content-Type") ?? "").toLowerCase();
  return !contentType.includes("json") && (request.headers.get("Accept") ?? "").includes("text/html");
}

/** A refusal: JSON for scripts and servers, one of the form's pages for a visitor's browser. */
function refuse(
  toBrowser: boolean,
  status: number,
  headers: Record<string, string>,
  body: { ok: false; error: string; fieldErrors?: Record<string, string> },
  page: BrowserAnswer,
) {
  return toBrowser ? browserAnswer(page, status, headers) : json(body, { status, headers });
}

/** What a visitor's browser gets once the post is accepted: the form's choice, or the thank-you page when it can't be followed. */
function acceptedAnswer(form: PublicWebForm, request: Request, headers: Record<string, string>, page: string | null) {
  const back = backTarget(form, request, page);
  if (form.afterSubmit === "REDIRECT") {
    const target = redirectTarget(form.redirectUrl, request);
    if (target) {
      target.searchParams.set("submitted", "1");
      return seeOther(target, headers);
    }
  }
  if (form.afterSubmit === "BACK_TO_PAGE" && back) {
    back.searchParams.set(BACK_TO_PAGE_MARKER.name, BACK_TO_PAGE_MARKER.value);
    return seeOther(back, headers);
  }
  return browserAnswer({ page: "thanks", organizationName: form.organization.name, back }, 200, headers);
}

/** Fields a visitor got wrong: back to the page with ?error= for a redirecting form, else a page listing them. */
function invalidAnswer(
  form: PublicWebForm,
  request: Request,
  headers: Record<string, string>,
  outcome: { fieldErrors: Record<string, string>; fieldLabels: Record<string, string> },
  page: string | null,
) {
  const back = backTarget(form, request, page);
  const [field, message] = Object.entries(outcome.fieldErrors)[0] ?? ["form", "Check the form."];
  if (form.afterSubmit === "REDIRECT" && back) {
    back.searchParams.set("error", message);
    back.searchParams.set("field", field);
    back.searchParams.delete("submitted");
    return seeOther(back, headers);
  }
  const problems = Object.entries(outcome.fieldErrors).map(([key, problem]) => ({ label: outcome.fieldLabels[key] ?? key, message: problem }));
  return browserAnswer({ page: "problems", organizationName: form.organization.name, problems, back }, 400, headers);
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

function notAllowed(request: Request) {
  const error = "Post the form to this address.";
  return refuse(isBrowserNavigation(request), 405, corsHeaders("*", { Allow: "POST, OPTIONS" }), { ok: false, error }, {
    page: "not-sent",
    title: "This address receives form posts",
    message: "It's where a website's form sends what visitors type. Open the page with the form and send it from there.",
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return preflight(request, params.formKey ?? "");
  return notAllowed(request);
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return notAllowed(request);
  const origin = originOf(request);
  const toBrowser = isBrowserNavigation(request);
  const access = await webFormAccess(prisma, { formKey: params.formKey ?? "", origin });
  if (!access.allowed) {
    await request.body?.cancel().catch(() => {});
    const error = refusedOrigin(origin);
    return refuse(toBrowser, 403, corsHeaders(null), { ok: false, error }, { page: "not-sent", title: "This form can't be sent from here", message: error });
  }
  const headers = corsHeaders(access.allowOrigin);
  const contentType = (request.headers.get("Content-Type") ?? "").toLowerCase();

  let fields: Record<string, string>;
  try {
    fields = await readFields(request, contentType);
  } catch (error) {
    if (error instanceof BodyError) {
      return refuse(toBrowser, error.status, headers, { ok: false, error: error.message }, {
        page: "not-sent",
        title: "The form couldn't be sent",
        message: error.message,
      });
    }
    throw error;
  }

  const page = takePageField(fields);
  const form = access.form;
  const outcome = form ? await submitWebForm(prisma, { form, fields, ip: clientIp(request) }) : ({ kind: "not_found" } as const);
  if (!form || outcome.kind === "not_found") {
    return refuse(toBrowser, 404, headers, { ok: false, error: "This form doesn't exist or is switched off." }, { page: "unavailable" });
  }
  switch (outcome.kind) {
    case "rate_limited": {
      const { retryAfterSeconds } = outcome;
      return refuse(
        toBrowser,
        429,
        { ...headers, "Retry-After": String(retryAfterSeconds) },
        { ok: false, error: `Too many submissions from your network. Try again in ${retryAfterSeconds} seconds.` },
        { page: "try-later", organizationName: form.organization.name, retryAfterSeconds },
      );
    }
    case "invalid": {
      if (toBrowser) return invalidAnswer(form, request, headers, outcome, page);
      const [, message] = Object.entries(outcome.fieldErrors)[0] ?? ["form", "Check the form."];
      return json({ ok: false, error: message, fieldErrors: outcome.fieldErrors }, { status: 400, headers });
    }
    case "accepted":
      return toBrowser ? acceptedAnswer(form, request, headers, page) : json({ ok: true }, { headers });
  }
}
