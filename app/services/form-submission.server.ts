// A website form post: find the form by its public key and check the website
// the browser says it comes from, throttle per form and IP, drop spam caught by
// the honeypot (answering as if it worked), check the fields, then create or
// merge the contact by phone, store the submission and write the timeline — all
// in one transaction.
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { listCustomFieldDefinitions } from "~/models/contact-import.server";
import { ensureTags } from "~/models/tag.server";
import { createFormSubmission, findWebFormByKey } from "~/models/web-form.server";
import { systemActor } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { intakeContacts } from "~/services/contact-intake.server";
import { MAX_NAME_LENGTH, normalizeCustomFieldValue, normalizeEmail } from "~/services/csv-contact-row.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { sharedPool } from "~/utils/pg-pool.server";
import { normalizePhone } from "~/utils/phone.server";
import { checkFormOrigin, type OriginCheck } from "~/utils/web-form-origin";
import { stripControlCharacters } from "~/utils/control-characters";

/** Submissions allowed per form, per IP address, per window. */
export const FORM_SUBMISSIONS_PER_WINDOW = 10;
export const FORM_RATE_WINDOW_SECONDS = 60;
/** Filled in only by bots: the field is hidden from people. */
export const HONEYPOT_FIELDS = ["website", "_hp"] as const;
export const STANDARD_FORM_FIELDS = ["name", "phone", "email", "message"] as const;
/** How the standard fields are named to a visitor. */
const STANDARD_FIELD_LABELS: Record<(typeof STANDARD_FORM_FIELDS)[number], string> = {
  name: "Name",
  phone: "Phone",
  email: "Email",
  message: "Message",
};
export const MAX_FORM_FIELDS = 50;
export const MAX_FORM_VALUE_LENGTH = 5_000;

export type FormSubmissionOutcome =
  | { kind: "not_found" }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** `fieldLabels` names each field in `fieldErrors` for a visitor (Phone, or a custom field's label). */
  | { kind: "invalid"; redirectUrl: string | null; fieldErrors: Record<string, string>; fieldLabels: Record<string, string> }
  /** Also the answer to a honeypot hit, so a bot can't tell. */
  | { kind: "accepted"; redirectUrl: string | null };

// ---------------------------------------------------------------------------
// Throttling, shared by every web process through the rate_limit table, on the process's pool.

const globalForForms = globalThis as unknown as { __leadlaneFormLimiter?: { pool: pg.Pool; limiter: RateLimiterPostgres } };

function formLimiter(): RateLimiterPostgres {
  const pool = sharedPool();
  if (globalForForms.__leadlaneFormLimiter?.pool !== pool) {
    globalForForms.__leadlaneFormLimiter = {
      pool,
      limiter: new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limit",
        tableCreated: true,
        keyPrefix: "webform",
        points: FORM_SUBMISSIONS_PER_WINDOW,
        duration: FORM_RATE_WINDOW_SECONDS,
      }),
    };
  }
  return globalForForms.__leadlaneFormLimiter.limiter;
}

/** Forgets the limiter (tests and shutdown); its connections belong to the shared pool. */
export async function closeFormRateLimiter(): Promise<void> {
  delete globalForForms.__leadlaneFormLimiter;
  await Promise.resolve();
}

async function consumeSubmission(formId: string, ip: string): Promise<number | null> {
  try {
    await formLimiter().consume(`${formId}:${ip}`);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

// ---------------------------------------------------------------------------

function honeypotFilled(fields: Record<string, string>): boolean {
  return HONEYPOT_FIELDS.some((name) => (fields[name] ?? "").trim() !== "");
}

export type PublicWebForm = NonNullable<Awaited<ReturnType<typeof findWebFormByKey>>>;

/**
 * The form behind a public key (null when there is none or it is switched off)
 * and what to tell a browser calling it from `origin` (the Origin header). An
 * unknown form answers any website, so its caller can read the 404.
 */
export async function webFormAccess(
  db: PrismaClient,
  input: { formKey: string; origin: string | null },
): Promise<OriginCheck & { form: PublicWebForm | null }> {
  const found = input.formKey.length <= 64 ? await findWebFormByKey(db, input.formKey) : null;
  const form = found && found.enabled ? found : null;
  return { form, ...checkFormOrigin(form?.allowedOrigins ?? [], input.origin) };
}

/** Handles one post to /webhooks/forms/:formKey (`form` from webFormAccess). `fields` are the posted values as strings. */
export async function submitWebForm(
  db: PrismaClient,
  input: { form: PublicWebForm | null; fields: Record<string, string>; ip: string },
): Promise<FormSubmissionOutcome> {
  const form = input.form;
  if (!form || !form.enabled) return { kind: "not_found" };
  const retryAfterSeconds = await consumeSubmission(form.id, input.ip);
  if (retryAfterSeconds !== null) return { kind: "rate_limited", retryAfterSeconds };
  if (honeypotFilled(input.fields)) return { kind: "accepted", redirectUrl: form.redirectUrl };

  const { organizationId } = form;
  const fields = stripControlCharacters(input.fields);
  const fieldErrors: Record<string, string> = {};
  // A lead leaves a phone, an email, or both; the phone says who they are when there is one.
  const rawPhone = (fields.phone ?? "").trim();
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) fieldErrors.phone = "Enter a valid phone number, for example 98765 43210.";
  const name = (fields.name ?? "").trim().replace(/\s+/g, " ");
  if (name.length > MAX_NAME_LENGTH) fieldErrors.name = `Use at most ${MAX_NAME_LENGTH} characters.`;
  const rawEmail = (fields.email ?? "").trim();
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  if (rawEmail && !email) fieldErrors.email = "Enter a valid email address.";
  if (!rawPhone && !rawEmail) fieldErrors.phone = "Enter your phone number or your email address.";
  const message = (fields.message ?? "").trim();

  const fieldLabels: Record<string, string> = { ...STANDARD_FIELD_LABELS };
  const customFields: Record<string, string> = {};
  const definitions = await listCustomFieldDefinitions(db, { organizationId });
  for (const definition of definitions) {
    if ((STANDARD_FORM_FIELDS as readonly string[]).includes(definition.key)) continue;
    if ((HONEYPOT_FIELDS as readonly string[]).includes(definition.key)) continue;
    const raw = (fields[definition.key] ?? "").trim();
    if (!raw) continue;
    fieldLabels[definition.key] = definition.label;
    const result = normalizeCustomFieldValue(definition, raw);
    if (result.ok) customFields[definition.key] = result.value;
    else fieldErrors[definition.key] = result.message;
  }
  if (Object.keys(fieldErrors).length > 0 || (!phone && !email)) {
    const labels = Object.fromEntries(Object.keys(fieldErrors).map((key) => [key, fieldLabels[key] ?? key]));
    return { kind: "invalid", redirectUrl: form.redirectUrl, fieldErrors, fieldLabels: labels };
  }

  const payload: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!(HONEYPOT_FIELDS as readonly string[]).includes(key)) payload[key] = value;
  }
  const actor = systemActor(`Web form: ${form.name}`);
  await db.$transaction(async (tx) => {
    const tags = await ensureTags(tx, { organizationId, names: form.tagNames });
    const [outcome] = await intakeContacts(
      tx,
      [{ phone, name: name || null, email, customFields, tags: tags.map((tag) => ({ id: tag.id, name: tag.name })) }],
      {
        organizationId,
        actor,
        strategy: "MERGE",
        defaultSource: "WEBSITE",
        createdEvent: { type: "CREATED", data: { source: "WEBSITE", formId: form.id, formName: form.name } },
        eventData: { via: "form", formId: form.id },
        touchActivity: true,
      },
    );
    const id = outcome && outcome.contactId ? outcome.contactId : null;
    const submission = await createFormSubmission(tx, {
      organizationId,
      formId: form.id,
      contactId: id,
      payload: payload as Prisma.InputJsonObject,
      ipAddress: input.ip.slice(0, 64),
    });
    if (id) {
      await recordContactEvents(tx, organizationId, actor, [
        {
          contactId: id,
          type: "FORM_SUBMITTED",
          data: { formId: form.id, formName: form.name, submissionId: submission.id, ...(message ? { message: message.slice(0, 2_000) } : {}) },
        },
      ]);
      await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [id] });
    }
  });
  return { kind: "accepted", redirectUrl: form.redirectUrl };
}
