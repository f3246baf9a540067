// Field schemas shared by contact.create, contact.update and the contact forms.
// Browser-safe. Forms are parsed with Conform's auto-coercion switched off
// (see app/services/contact-form-action.server.ts), so an empty input arrives as
// "" and means "clear this", while a field that is not in the form is
// undefined and means "leave it alone".
import { z } from "zod";
import { CONTACT_SOURCES, CONTACT_STAGES, TEMPERATURES } from "~/domain/contact/contact-filter.schema";
import { previewPhone } from "~/utils/phone";

export const PHONE_MESSAGE = "Enter a valid phone number, like 98765 43210";
export const PHONE_OR_EMAIL_MESSAGE = "Enter a phone number or an email address";
export const EMAIL_MESSAGE = "Enter a valid email address, like priya@example.com";
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const CUSTOM_FIELD_TEXT_MAX = 500;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const contactIdField = z.uuid({ message: "Contact not found" });

export const nameField = z
  .string({ message: "Enter a name" })
  .trim()
  .min(1, { message: "Enter a name" })
  .max(200, { message: "Use at most 200 characters" });

/**
 * Any common Indian (or international) format in, E.164 out; "" or null clears it
 * (a contact then needs an email). This check uses the browser's small metadata;
 * the server's contact commands check the number again with the full metadata
 * (normalizePhone in app/utils/phone.server.ts).
 */
export const phoneField = z
  .string({ message: PHONE_MESSAGE })
  .transform((value, ctx) => {
    if (value.trim() === "") return null;
    const normalized = previewPhone(value);
    if (!normalized) {
      ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return normalized;
  })
  .nullable();

/** Lowercased; "" or null clears it. */
export const emailField = z
  .string({ message: EMAIL_MESSAGE })
  .trim()
  .toLowerCase()
  .max(254, { message: "Use at most 254 characters" })
  .refine((value) => value === "" || z.email().safeParse(value).success, { message: EMAIL_MESSAGE })
  .transform((value) => (value === "" ? null : value))
  .nullable();

export const sourceField = z.enum(CONTACT_SOURCES, { message: "Choose a source" });
export const stageField = z.enum(CONTACT_STAGES, { message: "Choose a stage" });
export const temperatureField = z.enum(TEMPERATURES, { message: "Choose a temperature" });

export const scoreField = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? Number.NaN : Number(value)) : value),
  z
    .number({ message: "Enter a score from 0 to 100" })
    .int({ message: "Enter a whole number from 0 to 100" })
    .min(0, { message: "Enter a score from 0 to 100" })
    .max(100, { message: "Enter a score from 0 to 100" }),
);

/** A user id, or "" / null for nobody. */
const optionalReference = (message: string) =>
  z
    .string({ message })
    .trim()
    .refine((value) => value === "" || UUID_PATTERN.test(value), { message })
    .transform((value) => (value === "" ? null : value.toLowerCase()))
    .nullable();

export const ownerIdField = optionalReference("Choose a member of this organization");
export const companyIdField = optionalReference("Choose one of your companies");

/**
 * Custom field values by definition key, as typed. The handler checks each one
 * against the organization's definitions (type, options); "" or null clears it.
 */
export const customFieldsField = z.record(
  z.string().regex(CUSTOM_FIELD_KEY_PATTERN, { message: "Unknown custom field" }),
  z
    .string()
    .max(CUSTOM_FIELD_TEXT_MAX, { message: `Use at most ${CUSTOM_FIELD_TEXT_MAX} characters` })
    .transform((value) => (value.trim() === "" ? null : value.trim()))
    .nullable(),
);

export const versionField = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
  z.number({ message: "Reload the page and try again" }).int().min(1),
);
