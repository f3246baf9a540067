// POST /webhooks/forms/:formKey over real requests.
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { closeFormRateLimiter, FORM_SUBMISSIONS_PER_WINDOW } from "~/services/form-submission.server";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { addMember, createContact, createOrganization, createTag } from "../../prisma/factories";
import { createCustomFieldDefinition, createWebForm } from "../../prisma/factories-imports";
import { action, loader } from "./webhooks.forms.$formKey";

afterAll(async () => {
  await closeFormRateLimiter();
});

const BASE = "http://localhost:3000";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
let ipCounter = 1;

/** Each test posts from its own address, so the per-IP limit never leaks between tests. */
function freshIp() {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

type PostOptions = { ip?: string; headers?: Record<string, string> };

async function post(formKey: string, body: BodyInit, contentType: string | null, options: PostOptions = {}) {
  const headers: Record<string, string> = { "x-leadlane-client-ip": options.ip ?? freshIp(), ...options.headers };
  if (contentType) headers["Content-Type"] = contentType;
  const request = new Request(`${BASE}/webhooks/forms/${formKey}`, { method: "POST", headers, body });
  const response = await action({ request, params: { formKey }, context: {} });
  return response as Response;
}

function postForm(formKey: string, fields: Record<string, string>, options: PostOptions = {}) {
  return post(formKey, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", {
    ...options,
    headers: { Accept: BROWSER_ACCEPT, ...options.headers },
  });
}

function postJson(formKey: string, fields: Record<string, unknown>, options: PostOptions = {}) {
  return post(formKey, JSON.stringify(fields), "application/json", { ...options, headers: { Accept: "application/json", ...options.headers } });
}

async function preflight(formKey: string, origin: string | null, requestHeaders = "content-type") {
  const headers: Record<string, string> = { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": requestHeaders };
  if (origin) headers.Origin = origin;
  const request = new Request(`${BASE}/webhooks/forms/${formKey}`, { method: "OPTIONS", headers });
  return (await loader({ request, params: { formKey }, context: {} })) as Response;
}

type FormOptions = {
  redirectUrl?: string | null;
  afterSubmit?: "THANK_YOU_PAGE" | "BACK_TO_PAGE" | "REDIRECT";
  tagNames?: string[];
  enabled?: boolean;
  allowedOrigins?: string[];
  organizationName?: string;
};

async function world({ organizationName, ...form }: FormOptions = {}) {
  const { organization, owner } = await createOrganization(prisma, { name: organizationName });
  const webForm = await createWebForm(prisma, { organizationId: organization.id, name: "Free indicator trial", ...form });
  return { organizationId: organization.id, owner, form: webForm };
}

/** What a person reads on an HTML answer: the body's text, tags and style left out, entities decoded. */
async function pageText(response: Response): Promise<string> {
  const html = await response.text();
  const body = html.slice(html.indexOf("<body>"));
  return body
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The href of every link on an HTML answer. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
}

async function counts(organizationId: string) {
  const [contacts, submissions, events] = await Promise.all([
    prisma.contact.count({ where: { organizationId } }),
    prisma.formSubmission.count({ where: { organizationId } }),
    prisma.contactEvent.count({ where: { organizationId } }),
  ]);
  return { contacts, submissions, events };
}

describe("POST /webhooks/forms/:formKey", () => {
  test("a JSON post creates a WEBSITE contact, stores the submission and answers { ok: true } with no ids", async () => {
    const w = await world({ tagNames: ["webinar-lead"] });
    await createCustomFieldDefinition(prisma, { organizationId: w.organizationId, key: "city", label: "City" });
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(w.organizationId, (event) => events.push(event));

    const response = await postJson(w.form.key, {
      name: "Asha Rao",
      phone: "098765-43210",
      email: "Asha@Example.in",
      message: "Is there a BankNifty version?",
      city: "Pune",
      utm_source: "instagram",
      age: 31,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ ok: true });
    const contact = await prisma.contact.findFirstOrThrow({
      where: { organizationId: w.organizationId },
      include: { tags: { include: { tag: true } } },
    });
    expect(contact).toMatchObject({ name: "Asha Rao", phone: "+919876543210", email: "asha@example.in", source: "WEBSITE", stage: "NEW" });
    expect(contact.customFields).toEqual({ city: "Pune" });
    expect(contact.tags.map((t) => t.tag.name)).toEqual(["webinar-lead"]);
    const submission = await prisma.formSubmission.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    expect(submission).toMatchObject({ formId: w.form.id, contactId: contact.id });
    expect(submission.payload).toEqual({
      name: "Asha Rao",
      phone: "098765-43210",
      email: "Asha@Example.in",
      message: "Is there a BankNifty version?",
      city: "Pune",
      utm_source: "instagram",
      age: "31",
    });
    const timeline = await prisma.contactEvent.findMany({ where: { contactId: contact.id }, orderBy: { createdAt: "asc" } });
    expect(timeline.map((event) => event.type).sort()).toEqual(["CREATED", "FORM_SUBMITTED"]);
    expect(timeline.find((event) => event.type === "FORM_SUBMITTED")).toMatchObject({
      actorId: null,
      actorLabel: "Web form: Free indicator trial",
      data: { formId: w.form.id, formName: "Free indicator trial", submissionId: submission.id, message: "Is there a BankNifty version?" },
    });
    await expect.poll(() => events).toContainEqual({ type: "contact.changed", contactIds: [contact.id] });
    await unsubscribe();
  });

  test("control characters in posted fields are dropped, not refused or a server error, and the lead is kept", async () => {
    const w = await world();
    const response = await postJson(w.form.key, {
      name: "Nul\u0000 By\u0001te\u007f",
      phone: "98765 43299",
      message: "hi\u0000\r\nthere\u001b[0m\u0085",
      ["utm\u0002"]: "ad",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const contact = await prisma.contact.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    expect(contact).toMatchObject({ name: "Nul Byte", phone: "+919876543299" });
    const submission = await prisma.formSubmission.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    expect(submission.payload).toEqual({ name: "Nul Byte", phone: "98765 43299", message: "hi\nthere[0m", utm: "ad" });
    const event = await prisma.contactEvent.findFirstOrThrow({ where: { contactId: contact.id, type: "FORM_SUBMITTED" } });
    expect(event.data).toMatchObject({ message: "hi\nthere[0m" });
  });

  test("a browser form post redirects to the form's https address with ?submitted=1", async () => {
    const w = await world({ redirectUrl: "https://indicators.example.in/thanks?plan=trial" });
    const response = await postForm(w.form.key, { name: "Ravi", phone: "9876543211" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("https://indicators.example.in/thanks?plan=trial&submitted=1");
    expect((await counts(w.organizationId)).contacts).toBe(1);
  });

  test("a relative redirect is resolved against the site that posted the form", async () => {
    const w = await world({ redirectUrl: "/thank-you" });
    const response = await postForm(w.form.key, { name: "Ravi", phone: "9876543211" }, { headers: { Origin: "https://shop.example.in" } });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("https://shop.example.in/thank-you?submitted=1");
  });

  test("multipart posts work too; a script sending them without asking for a page gets JSON", async () => {
    const w = await world();
    const body = new FormData();
    body.append("name", "Meera");
    body.append("phone", "+91 98765 43212");
    const response = await post(w.form.key, body, null, { headers: { Accept: "*/*" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(await prisma.contact.findFirst({ where: { organizationId: w.organizationId, phone: "+919876543212" } })).not.toBeNull();
  });

  test("a known phone merges: empty fields filled, tags added, stage, owner and name never overwritten", async () => {
    const w = await world({ tagNames: ["webinar-lead"] });
    const agent = await addMember(prisma, { organizationId: w.organizationId, role: "AGENT" });
    const vip = await createTag(prisma, { organizationId: w.organizationId, name: "vip" });
    const existing = await createContact(prisma, {
      organizationId: w.organizationId,
      name: "Asha R.",
      phone: "+919876543210",
      email: null,
      stage: "NEGOTIATION",
      ownerId: agent.user.id,
    });
    await prisma.contactTag.create({ data: { organizationId: w.organizationId, contactId: existing.id, tagId: vip.id } });

    const response = await postJson(w.form.key, { name: "Someone Else", phone: "98765 43210", email: "asha@example.in" });
    expect(await response.json()).toEqual({ ok: true });

    const after = await prisma.contact.findUniqueOrThrow({ where: { id: existing.id }, include: { tags: { include: { tag: true } } } });
    expect(after).toMatchObject({ name: "Asha R.", email: "asha@example.in", stage: "NEGOTIATION", ownerId: agent.user.id, source: "MANUAL" });
    expect(after.tags.map((t) => t.tag.name).sort()).toEqual(["vip", "webinar-lead"]);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(existing.lastActivityAt.getTime());
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(1);
    const types = (await prisma.contactEvent.findMany({ where: { contactId: existing.id } })).map((event) => event.type).sort();
    expect(types).toEqual(["FORM_SUBMITTED", "TAG_ADDED", "UPDATED"]);
  });

  test("the honeypot: filled in, the answer looks like success and nothing is stored", async () => {
    const w = await world({ redirectUrl: "https://example.in/thanks" });
    const before = await counts(w.organizationId);
    const browser = await postForm(w.form.key, { name: "Bot", phone: "9876543210", website: "http://spam.example" });
    expect(browser.status).toBe(303);
    expect(browser.headers.get("Location")).toBe("https://example.in/thanks?submitted=1");
    const api = await postJson(w.form.key, { name: "Bot", phone: "9876543210", _hp: "x" });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ ok: true });
    expect(await counts(w.organizationId)).toEqual(before);
  });

  test("an unknown, disabled or regenerated-away key is 404 and stores nothing", async () => {
    const w = await world();
    const off = await createWebForm(prisma, { organizationId: w.organizationId, enabled: false });
    for (const key of ["no-such-form-key", off.key, "x".repeat(200)]) {
      const response = await postJson(key, { name: "A", phone: "9876543210" });
      expect(response.status, key.slice(0, 20)).toBe(404);
      expect(await response.json()).toEqual({ ok: false, error: "This form doesn't exist or is switched off." });
    }
    expect(await counts(w.organizationId)).toEqual({ contacts: 0, submissions: 0, events: 0 });
  });

  test("an invalid phone: 400 with field errors for API callers; a redirecting form sends a browser back to its page with ?error=", async () => {
    const w = await world({ redirectUrl: "https://example.in/thanks" });
    const api = await postJson(w.form.key, { name: "A", phone: "12345", email: "nope" });
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      ok: false,
      error: "Enter a valid phone number, for example 98765 43210.",
      fieldErrors: { phone: "Enter a valid phone number, for example 98765 43210.", email: "Enter a valid email address." },
    });
    const browser = await postForm(w.form.key, { name: "A", phone: "" }, { headers: { Origin: "https://example.in", Referer: "https://example.in/trial?ref=ad" } });
    expect(browser.status).toBe(303);
    const location = new URL(browser.headers.get("Location")!);
    expect(location.origin + location.pathname).toBe("https://example.in/trial");
    expect(location.searchParams.get("ref")).toBe("ad");
    expect(location.searchParams.get("error")).toBe("Enter your phone number or your email address.");
    expect(location.searchParams.get("field")).toBe("phone");
    // A page elsewhere than the website posting (or no Origin at all): the problems on a page of our own, no redirect.
    const elsewhere: Array<Record<string, string>> = [{ Origin: "https://example.in", Referer: "https://evil.example/trial" }, { Referer: "https://example.in/trial" }];
    for (const headers of elsewhere) {
      const answer = await postForm(w.form.key, { name: "A", phone: "" }, { headers });
      expect(answer.status).toBe(400);
      expect(answer.headers.get("Location")).toBeNull();
      expect(await pageText(answer)).toContain("Phone: Enter your phone number or your email address.");
    }
    expect(await counts(w.organizationId)).toEqual({ contacts: 0, submissions: 0, events: 0 });
  });

  test("a form with only an email creates an email-only contact; the same email again (in any case) is that contact", async () => {
    const w = await world({ tagNames: ["ebook"] });
    const first = await postJson(w.form.key, { name: "Meera Iyer", email: "Meera@Example.in", message: "Send the e-book" });
    expect(first.status).toBe(200);
    // CREATED (with the form's tag) and FORM_SUBMITTED.
    expect(await counts(w.organizationId)).toEqual({ contacts: 1, submissions: 1, events: 2 });
    const contact = await prisma.contact.findFirstOrThrow({ where: { organizationId: w.organizationId }, include: { tags: { include: { tag: true } } } });
    expect(contact).toMatchObject({ name: "Meera Iyer", phone: null, email: "meera@example.in", source: "WEBSITE" });
    expect(contact.tags.map((link) => link.tag.name)).toEqual(["ebook"]);

    // Later the same lead leaves their email in capitals and a name only: the same contact, a second submission.
    const again = await postForm(w.form.key, { email: "MEERA@EXAMPLE.IN", message: "Again" });
    expect(again.status).toBe(200);
    const after = await counts(w.organizationId);
    expect(after.contacts).toBe(1);
    expect(after.submissions).toBe(2);
    const submissions = await prisma.formSubmission.findMany({ where: { organizationId: w.organizationId } });
    expect(submissions.every((submission) => submission.contactId === contact.id)).toBe(true);
  });

  test("a phone that only the browser's metadata accepts is refused; a phone-only form still creates a contact", async () => {
    const w = await world();
    const refused = await postJson(w.form.key, { name: "A", phone: "040 1234 5678" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fieldErrors: { phone: "Enter a valid phone number, for example 98765 43210." } });
    expect(await counts(w.organizationId)).toEqual({ contacts: 0, submissions: 0, events: 0 });
    const phoneOnly = await postJson(w.form.key, { phone: "98765 43210" });
    expect(phoneOnly.status).toBe(200);
    expect(await prisma.contact.findFirstOrThrow({ where: { organizationId: w.organizationId } })).toMatchObject({
      phone: "+919876543210",
      email: null,
    });
  });

  test("an invalid custom field value is a field error", async () => {
    const w = await world();
    await createCustomFieldDefinition(prisma, { organizationId: w.organizationId, key: "budget", label: "Budget", type: "NUMBER" });
    const response = await postJson(w.form.key, { phone: "9876543210", budget: "lots" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      budget: 'Budget must be a number (got "lots")',
    });
  });

  test(`more than ${FORM_SUBMISSIONS_PER_WINDOW} posts a minute from one address: 429 with Retry-After`, async () => {
    const w = await world();
    const ip = freshIp();
    for (let i = 0; i < FORM_SUBMISSIONS_PER_WINDOW; i += 1) {
      const ok = await postJson(w.form.key, { name: `Lead ${i}`, phone: `98765${String(i).padStart(5, "0")}` }, { ip });
      expect(ok.status).toBe(200);
    }
    const limited = await postJson(w.form.key, { name: "One too many", phone: "9876599999" }, { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(limited.headers.get("Access-Control-Allow-Origin"), "a page's script can read the refusal").toBe("*");
    expect(((await limited.json()) as { error: string }).error).toMatch(/^Too many submissions from your network/);
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(FORM_SUBMISSIONS_PER_WINDOW);
    // Another visitor is not affected.
    expect((await postJson(w.form.key, { name: "Other", phone: "9876588888" })).status).toBe(200);
  });

  test("bodies that can't be read get clear answers", async () => {
    const w = await world();
    expect((await post(w.form.key, "{not json", "application/json")).status).toBe(400);
    expect((await post(w.form.key, "phone=9876543210", "text/plain")).status).toBe(415);
    expect((await post(w.form.key, "x".repeat(70 * 1024), "application/x-www-form-urlencoded")).status).toBe(413);
    expect(await counts(w.organizationId)).toEqual({ contacts: 0, submissions: 0, events: 0 });
  });

  test("tenant isolation: a form's key only ever writes into its own organization", async () => {
    const a = await world();
    const b = await world();
    const bContact = await createContact(prisma, { organizationId: b.organizationId, phone: "+919876543210", name: "B's contact", email: null });
    const response = await postJson(a.form.key, { name: "Via A", phone: "9876543210", email: "a@example.in" });
    expect(await response.json()).toEqual({ ok: true });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: bContact.id } })).toEqual(bContact);
    expect(await counts(b.organizationId)).toEqual({ contacts: 1, submissions: 0, events: 0 });
    const aContact = await prisma.contact.findFirstOrThrow({ where: { organizationId: a.organizationId } });
    expect(aContact).toMatchObject({ name: "Via A", phone: "+919876543210" });
  });
});

describe("a visitor's browser posting a plain HTML form", () => {
  const SITE = "https://indicators.example.in";
  const fromPage = (page = `${SITE}/trial?plan=gold`) => ({ Origin: new URL(page).origin, Referer: page });

  test("without a redirect: a thank-you page in the organization's name, escaped, under a strict CSP, with a link back", async () => {
    const w = await world({ organizationName: `Ravi & Sons <script>alert("x")</script>` });
    const response = await postForm(w.form.key, { name: "Ravi", phone: "9876543211" }, { headers: fromPage() });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Content-Security-Policy")).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const html = await response.clone().text();
    expect(html).not.toContain("<script");
    expect(html).toContain("Ravi &amp; Sons &lt;script&gt;");
    expect(await pageText(response)).toBe(
      `Ravi & Sons <script>alert("x")</script> Thank you! Ravi & Sons <script>alert("x")</script> has received your details and will be in touch soon. Back to indicators.example.in`,
    );
    expect(linksOf(html)).toEqual([`${SITE}/trial?plan=gold`]);
    expect((await counts(w.organizationId)).contacts).toBe(1);
  });

  test("the page's inline style is the one its CSP allows", async () => {
    const { ANSWER_PAGE_CSS } = await import("~/components/web-form-answer-page");
    const { createHash } = await import("node:crypto");
    const w = await world();
    const response = await postForm(w.form.key, { phone: "9876543211" });
    const html = await response.text();
    expect(html).toContain(`<style>${ANSWER_PAGE_CSS}</style>`);
    expect(response.headers.get("Content-Security-Policy")).toContain(`'sha256-${createHash("sha256").update(ANSWER_PAGE_CSS).digest("base64")}'`);
  });

  test("back to the page: the page that posted, with ?leadlane=thanks added to its own query", async () => {
    const w = await world({ afterSubmit: "BACK_TO_PAGE" });
    const response = await postForm(w.form.key, { name: "Ravi", phone: "9876543211" }, { headers: fromPage() });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${SITE}/trial?plan=gold&leadlane=thanks`);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await counts(w.organizationId)).contacts).toBe(1);
    // The honeypot looks the same.
    const bot = await postForm(w.form.key, { phone: "9876543212", website: "spam" }, { headers: fromPage(`${SITE}/`) });
    expect(bot.headers.get("Location")).toBe(`${SITE}/?leadlane=thanks`);
    expect((await counts(w.organizationId)).contacts).toBe(1);
  });

  test("back to the page when the browser names only the website: the page's hidden leadlane_page field, checked like a Referer, never stored", async () => {
    const w = await world({ afterSubmit: "BACK_TO_PAGE" });
    // What browsers send another website by default (strict-origin-when-cross-origin): the site, not the page.
    const siteOnly = { Origin: SITE, Referer: `${SITE}/` };
    const back = await postForm(w.form.key, { name: "Ravi", phone: "9876543211", leadlane_page: `${SITE}/indicators/supertrend?plan=gold#buy` }, { headers: siteOnly });
    expect(back.status).toBe(303);
    expect(back.headers.get("Location")).toBe(`${SITE}/indicators/supertrend?plan=gold&leadlane=thanks`);
    const submission = await prisma.formSubmission.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    expect(JSON.stringify(submission)).not.toContain("supertrend");
    // A page field pointing elsewhere is ignored like such a Referer: back to what the Referer allows.
    for (const page of ["https://evil.example/phish", "javascript:alert(1)", "https://user:pw@indicators.example.in/x", "http://indicators.example.in/x", "not a url"]) {
      const response = await postForm(w.form.key, { phone: "9876543212", leadlane_page: page }, { headers: siteOnly });
      expect(response.headers.get("Location"), page).toBe(`${SITE}/?leadlane=thanks`);
    }
    // Without an Origin nothing is trusted, the field included.
    const server = await postForm(w.form.key, { phone: "9876543213", leadlane_page: `${SITE}/trial` }, { headers: {} });
    expect([server.status, server.headers.get("Location")]).toEqual([200, null]);
  });

  test("back to the page never leads elsewhere: a page not on the posting website gets the thank-you page, without a link to it", async () => {
    const w = await world({ afterSubmit: "BACK_TO_PAGE" });
    const unsafe: Array<[string, Record<string, string>]> = [
      ["another website than the Origin", { Origin: SITE, Referer: "https://evil.example/phish" }],
      ["same host, other scheme", { Origin: SITE, Referer: "http://indicators.example.in/trial" }],
      ["same host, other port", { Origin: SITE, Referer: "https://indicators.example.in:8443/trial" }],
      ["no Origin (not a browser's post)", { Referer: `${SITE}/trial` }],
      ['an opaque "null" Origin', { Origin: "null", Referer: "https://evil.example/" }],
      ["not a web address", { Origin: SITE, Referer: "javascript:alert(1)" }],
      ["credentials in the address", { Origin: SITE, Referer: "https://user:pw@indicators.example.in/trial" }],
      ["no Referer", { Origin: SITE }],
    ];
    for (const [label, headers] of unsafe) {
      const response = await postForm(w.form.key, { phone: "9876543211" }, { headers });
      expect(response.status, label).toBe(200);
      expect(response.headers.get("Location"), label).toBeNull();
      const html = await response.text();
      expect(html, label).toContain("Thank you!");
      expect(linksOf(html), label).toEqual([]);
    }
  });

  test("a form that lists websites sends visitors back only to a listed one", async () => {
    const listed = await world({ afterSubmit: "BACK_TO_PAGE", allowedOrigins: [SITE] });
    const back = await postForm(listed.form.key, { phone: "9876543211" }, { headers: fromPage(`${SITE}/trial#form`) });
    expect(back.status).toBe(303);
    expect(back.headers.get("Location")).toBe(`${SITE}/trial?leadlane=thanks`);
    // A server claiming a listed page without an Origin: no redirect.
    const server = await postForm(listed.form.key, { phone: "9876543212" }, { headers: { Referer: `${SITE}/trial` } });
    expect(server.status).toBe(200);
    expect(server.headers.get("Location")).toBeNull();
  });

  test("a redirect address wins; a relative one that can't be resolved falls back to the thank-you page", async () => {
    const w = await world({ redirectUrl: "/thank-you" });
    const resolved = await postForm(w.form.key, { phone: "9876543211" }, { headers: fromPage() });
    expect(resolved.headers.get("Location")).toBe(`${SITE}/thank-you?submitted=1`);
    const unresolved = await postForm(w.form.key, { phone: "9876543212" });
    expect(unresolved.status).toBe(200);
    expect(await pageText(unresolved)).toContain("Thank you!");
  });

  test("invalid fields: a page naming each field and what's wrong, with a link back to the form; nothing stored", async () => {
    const w = await world({ organizationName: "Nifty Tools" });
    await createCustomFieldDefinition(prisma, { organizationId: w.organizationId, key: "budget", label: "Budget <₹>", type: "NUMBER" });
    const before = await counts(w.organizationId);
    const response = await postForm(w.form.key, { phone: "12", email: "nope", budget: "lots" }, { headers: fromPage() });
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const html = await response.clone().text();
    expect(await pageText(response)).toBe(
      "Nifty Tools Please check the form Nothing was sent yet. These need fixing: " +
        "Phone: Enter a valid phone number, for example 98765 43210. " +
        "Email: Enter a valid email address. " +
        'Budget <₹>: Budget <₹> must be a number (got "lots") ' +
        "Back to the form Your browser's Back button returns to the form with what you typed.",
    );
    expect(linksOf(html)).toEqual([`${SITE}/trial?plan=gold`]);
    expect(await counts(w.organizationId)).toEqual(before);
  });

  test("too many posts: a page saying when to try again, with Retry-After", async () => {
    const w = await world({ organizationName: "Nifty Tools" });
    const ip = freshIp();
    for (let i = 0; i < FORM_SUBMISSIONS_PER_WINDOW; i += 1) {
      expect((await postJson(w.form.key, { phone: `98765${String(i).padStart(5, "0")}` }, { ip })).status).toBe(200);
    }
    const limited = await postForm(w.form.key, { phone: "9876599999" }, { ip, headers: fromPage() });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(limited.headers.get("Content-Type")).toMatch(/^text\/html/);
    const text = await pageText(limited);
    expect(text).toContain("Nifty Tools Please try again in a moment");
    expect(text).toContain(`Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`);
    expect((await counts(w.organizationId)).contacts).toBe(FORM_SUBMISSIONS_PER_WINDOW);
  });

  test("an unknown or switched-off form, an unreadable post and a visit to the address: pages, not JSON", async () => {
    const w = await world({ organizationName: "Hidden Org Name" });
    const off = await createWebForm(prisma, { organizationId: w.organizationId, enabled: false, name: "Old form" });
    for (const key of ["no-such-form-key", off.key]) {
      const response = await postForm(key, { phone: "9876543210" }, { headers: fromPage() });
      expect(response.status).toBe(404);
      const text = await pageText(response);
      expect(text).toBe("This form isn't available It doesn't exist any more or its owner has switched it off, so nothing was sent.");
    }
    const tooLarge = await post(w.form.key, `phone=${"9".repeat(70 * 1024)}`, "application/x-www-form-urlencoded", { headers: { Accept: BROWSER_ACCEPT } });
    expect(tooLarge.status).toBe(413);
    expect(await pageText(tooLarge)).toBe("The form couldn't be sent The submission is too large. Nothing was sent.");
    const visit = await loader({
      request: new Request(`${BASE}/webhooks/forms/${w.form.key}`, { headers: { Accept: BROWSER_ACCEPT } }),
      params: { formKey: w.form.key },
      context: {},
    });
    expect((visit as Response).status).toBe(405);
    expect(await pageText(visit as Response)).toContain("This address receives form posts");
    expect(await counts(w.organizationId)).toEqual({ contacts: 0, submissions: 0, events: 0 });
  });
});

describe("calls from other websites (CORS)", () => {
  const SHOP = "https://shop.example.in";

  test("a form open to any website: the preflight allows a JSON POST, and every answer is readable by any origin", async () => {
    const w = await world();
    const answer = await preflight(w.form.key, "https://anyone.example");
    expect(answer.status).toBe(204);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "Content-Type",
      "access-control-max-age": "7200",
    });
    expect(answer.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    const accepted = await postJson(w.form.key, { phone: "9876543210" }, { headers: { Origin: "https://anyone.example" } });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // Errors too, so the page can show them.
    const invalid = await postJson(w.form.key, { phone: "12" }, { headers: { Origin: "https://anyone.example" } });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const unreadable = await post(w.form.key, "{oops", "application/json", { headers: { Origin: "https://anyone.example" } });
    expect(unreadable.status).toBe(400);
    expect(unreadable.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  test("an unknown key: the preflight lets the POST through, so the page can read the 404", async () => {
    expect((await preflight("no-such-form-key", SHOP)).headers.get("Access-Control-Allow-Origin")).toBe("*");
    const missing = await postJson("no-such-form-key", { phone: "9876543210" }, { headers: { Origin: SHOP } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  test("a form that lists websites answers those with their own origin and refuses others, storing nothing", async () => {
    const w = await world({ allowedOrigins: [SHOP, "http://localhost:8080"] });
    const allowed = await preflight(w.form.key, SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe(SHOP);
    expect(allowed.headers.get("Vary")).toMatch(/Origin/);

    const posted = await postJson(w.form.key, { name: "From the shop", phone: "9876543210" }, { headers: { Origin: SHOP } });
    expect(posted.status).toBe(200);
    expect(posted.headers.get("Access-Control-Allow-Origin")).toBe(SHOP);
    const local = await postJson(w.form.key, { phone: "12" }, { headers: { Origin: "http://localhost:8080" } });
    expect(local.status).toBe(400);
    expect(local.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:8080");
    expect(await counts(w.organizationId)).toMatchObject({ contacts: 1, submissions: 1 });

    for (const origin of ["https://evil.example", "http://shop.example.in", "https://shop.example.in:8443", "null"]) {
      const refusedPreflight = await preflight(w.form.key, origin);
      expect(refusedPreflight.status, origin).toBe(403);
      expect(refusedPreflight.headers.get("Access-Control-Allow-Origin"), origin).toBeNull();

      // A plain form post (no preflight) from that website is refused too, with a page saying so.
      const refused = await postForm(w.form.key, { name: "Copied form", phone: "9876543299" }, { headers: { Origin: origin } });
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get("Access-Control-Allow-Origin")).toBeNull();
      expect(refused.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(await pageText(refused)).toMatch(/This form doesn't accept posts from /);
      const script = await postJson(w.form.key, { phone: "9876543299" }, { headers: { Origin: origin } });
      expect(script.status, origin).toBe(403);
      expect(((await script.json()) as { error: string }).error).toMatch(/^This form doesn't accept posts from /);
    }
    expect(await counts(w.organizationId)).toMatchObject({ contacts: 1, submissions: 1 });

    // A server posting leads sends no Origin: not a browser, nothing to refuse (and no CORS headers needed).
    const server = await postJson(w.form.key, { name: "From a server", phone: "9876543211" });
    expect(server.status).toBe(200);
    expect(server.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  test("other methods are 405 and readable from anywhere", async () => {
    const w = await world();
    const request = new Request(`${BASE}/webhooks/forms/${w.form.key}`, { method: "GET" });
    const answer = (await loader({ request, params: { formKey: w.form.key }, context: {} })) as Response;
    expect(answer.status).toBe(405);
    expect(answer.headers.get("Allow")).toBe("POST, OPTIONS");
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
