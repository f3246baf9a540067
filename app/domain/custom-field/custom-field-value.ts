// Checks a custom field value against its definition. Browser-safe: the
// handler uses it, and forms may too. Values are stored as strings keyed by the
// definition's key, so the contact list's equality filter (`cf.<key>=<value>`)
// works with plain JSON containment.
import { CUSTOM_FIELD_TEXT_MAX } from "~/domain/contact/contact-fields.schema";

export const CUSTOM_FIELD_TYPES = ["TEXT", "NUMBER", "DATE", "SELECT"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const CUSTOM_FIELD_TYPE_LABELS: Record<CustomFieldType, string> = {
  TEXT: "Text",
  NUMBER: "Number",
  DATE: "Date",
  SELECT: "Single choice",
};

export type CustomFieldDefinitionLike = { key: string; label: string; type: CustomFieldType; options: string[] };

export type CustomFieldCheck = { ok: true; value: string } | { ok: false; message: string };

const NUMBER_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates and normalizes one non-empty value ("05" → "5", a SELECT option in its defined spelling). */
export function checkCustomFieldValue(definition: CustomFieldDefinitionLike, raw: string): CustomFieldCheck {
  const value = raw.trim();
  switch (definition.type) {
    case "TEXT":
      return value.length <= CUSTOM_FIELD_TEXT_MAX
        ? { ok: true, value }
        : { ok: false, message: `Use at most ${CUSTOM_FIELD_TEXT_MAX} characters` };
    case "NUMBER": {
      const compact = value.replace(/,/g, "");
      const number = Number(compact);
      if (!NUMBER_PATTERN.test(compact) || !Number.isFinite(number)) {
        return { ok: false, message: `${definition.label} must be a number, like 42 or 3.5` };
      }
      return { ok: true, value: String(number) };
    }
    case "DATE": {
      const match = DATE_PATTERN.exec(value);
      const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
      if (!match || !date || date.toISOString().slice(0, 10) !== value) {
        return { ok: false, message: `${definition.label} must be a date like 2026-11-22` };
      }
      return { ok: true, value };
    }
    case "SELECT": {
      const option = definition.options.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      return option
        ? { ok: true, value: option }
        : { ok: false, message: `Choose one of: ${definition.options.join(", ")}` };
    }
  }
}

/** "Trading experience" → "trading_experience": the key values are stored under. */
export function customFieldKeyFromLabel(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) return "";
  const key = /^[a-z]/.test(slug) ? slug : `field_${slug}`;
  return key.slice(0, 40).replace(/_+$/, "");
}

export type CustomFieldChange = { key: string; label: string; before: string | null; after: string | null };

/**
 * Applies submitted values (key → text, or null to clear) on top of the stored
 * ones. Returns the next stored object and what changed, or field errors keyed
 * `customFields.<key>`. Keys with no definition are refused.
 */
export function applyCustomFieldValues(
  definitions: CustomFieldDefinitionLike[],
  current: Record<string, unknown>,
  submitted: Record<string, string | null>,
):
  | { ok: true; values: Record<string, string>; changes: CustomFieldChange[] }
  | { ok: false; errors: Record<string, string> } {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(current)) if (typeof value === "string") values[key] = value;
  const errors: Record<string, string> = {};
  const changes: CustomFieldChange[] = [];
  for (const [key, raw] of Object.entries(submitted)) {
    const definition = byKey.get(key);
    if (!definition) {
      errors[`customFields.${key}`] = "This field no longer exists. Reload the page.";
      continue;
    }
    let next: string | null = null;
    if (raw !== null && raw.trim() !== "") {
      const checked = checkCustomFieldValue(definition, raw);
      if (!checked.ok) {
        errors[`customFields.${key}`] = checked.message;
        continue;
      }
      next = checked.value;
    }
    const before = values[key] ?? null;
    if (before === next) continue;
    if (next === null) delete values[key];
    else values[key] = next;
    changes.push({ key, label: definition.label, before, after: next });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, values, changes };
}
