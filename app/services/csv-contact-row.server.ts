// Turns one CSV row into contact values, or into the list of reasons it can't
// be imported. Shared by the import preview and the import job so both report
// exactly the same problems. Custom field values are checked here too (also
// used by website forms).
import { z } from "zod";
import type { ContactSource, ContactStage, Temperature } from "~/generated/prisma/client";
import { stripFormulaGuard } from "~/services/csv-writer.server";
import type { ImportMapping } from "~/domain/contact-import/import-fields";
import { CONTACT_SOURCES, CONTACT_STAGES, TEMPERATURES } from "~/domain/contact/contact-filter.schema";
import { normalizePhone } from "~/utils/phone.server";

export const MAX_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS_PER_ROW = 20;
export const MAX_COMPANY_LENGTH = 200;
export const MAX_CUSTOM_TEXT_LENGTH = 500;

import type { CustomFieldDefinitionLite } from "~/models/contact-import.server";
export type { CustomFieldDefinitionLite };

export type ContactRowContext = {
  mapping: ImportMapping;
  /** Members of the organization: lower-cased email → user id. */
  membersByEmail: Map<string, string>;
  customFields: Map<string, CustomFieldDefinitionLite>;
};

/** A row has a phone or an email (or both). */
export type ParsedContactRow = {
  phone: string | null;
  name: string;
  email: string | null;
  stage: ContactStage | null;
  temperature: Temperature | null;
  score: number | null;
  source: ContactSource | null;
  ownerId: string | null;
  companyName: string | null;
  customFields: Record<string, string>;
  tagNames: string[];
};

/** Who a row is within its file, for "Duplicate of row …": its phone, or its email when it has none. */
export function rowIdentity(row: Pick<ParsedContactRow, "phone" | "email">): { key: string; description: string } {
  return row.phone ? { key: row.phone, description: `same phone ${row.phone}` } : { key: `email:${row.email}`, description: `same email ${row.email}` };
}

export type ContactRowResult = { row: ParsedContactRow | null; problems: string[] };

const emailSchema = z.email();

function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}

function matchEnum<T extends string>(values: readonly T[], raw: string): T | null {
  const wanted = raw.trim().toUpperCase().replace(/[\s-]+/g, "_");
  return values.find((value) => value === wanted) ?? null;
}

/** Normalizes an email, or null when it isn't one. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !emailSchema.safeParse(email).success) return null;
  return email;
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A custom field value as it is stored (a string), or the reason it isn't valid.
 * Dates are stored as YYYY-MM-DD (DD/MM/YYYY and DD-MM-YYYY are accepted too),
 * numbers without grouping commas, select values as the option's own spelling.
 */
export function normalizeCustomFieldValue(
  definition: CustomFieldDefinitionLite,
  raw: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim();
  switch (definition.type) {
    case "TEXT":
      return value.length <= MAX_CUSTOM_TEXT_LENGTH
        ? { ok: true, value }
        : { ok: false, message: `${definition.label} must be at most ${MAX_CUSTOM_TEXT_LENGTH} characters` };
    case "NUMBER": {
      const compact = value.replace(/,/g, "");
      return /^-?\d{1,15}(\.\d{1,6})?$/.test(compact)
        ? { ok: true, value: compact }
        : { ok: false, message: `${definition.label} must be a number (got "${value}")` };
    }
    case "DATE": {
      let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      let parts = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
      if (!parts) {
        match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(value);
        parts = match ? [Number(match[3]), Number(match[2]), Number(match[1])] : null;
      }
      if (!parts || !validDate(parts[0]!, parts[1]!, parts[2]!)) {
        return { ok: false, message: `${definition.label} must be a date like 2026-11-22 (got "${value}")` };
      }
      const [year, month, day] = parts as [number, number, number];
      return { ok: true, value: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
    }
    case "SELECT": {
      const option = definition.options.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      return option !== undefined
        ? { ok: true, value: option }
        : { ok: false, message: `${definition.label} must be one of ${definition.options.join(", ")} (got "${value}")` };
    }
  }
}

/** Splits a tags cell: "a; b, c" → ["a", "b", "c"] (lower-cased, as tags are stored). */
export function splitTags(raw: string): string[] {
  return [...new Set(raw.split(/[;,]/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

/** Reads and checks one data row against the mapping. */
export function parseContactRow(cells: string[], context: ContactRowContext): ContactRowResult {
  const { mapping } = context;
  const cell = (index: number | undefined) => (index === undefined ? "" : stripFormulaGuard((cells[index] ?? "").trim()));
  const problems: string[] = [];

  const name = cell(mapping.name);
  if (!name) problems.push("Name is empty");
  else if (name.length > MAX_NAME_LENGTH) problems.push(`Name is longer than ${MAX_NAME_LENGTH} characters`);

  const rawPhone = cell(mapping.phone);
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) problems.push(`Phone "${rawPhone}" isn't a valid phone number`);

  const rawEmail = cell(mapping.email);
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  if (rawEmail && !email) problems.push(`Email "${rawEmail}" isn't a valid email address`);
  if (!rawPhone && !rawEmail) problems.push("Phone and email are both empty: a contact needs one of them");

  const rawStage = cell(mapping.stage);
  const stage = rawStage ? matchEnum(CONTACT_STAGES, rawStage) : null;
  if (rawStage && !stage) problems.push(`Unknown stage "${rawStage}" — use one of ${CONTACT_STAGES.map(titleCase).join(", ")}`);

  const rawTemperature = cell(mapping.temperature);
  const temperature = rawTemperature ? matchEnum(TEMPERATURES, rawTemperature) : null;
  if (rawTemperature && !temperature) {
    problems.push(`Unknown temperature "${rawTemperature}" — use one of ${TEMPERATURES.map(titleCase).join(", ")}`);
  }

  const rawScore = cell(mapping.score);
  let score: number | null = null;
  if (rawScore) {
    score = /^\d{1,3}$/.test(rawScore) ? Number(rawScore) : NaN;
    if (!(score >= 0 && score <= 100)) {
      problems.push(`Score "${rawScore}" must be a whole number from 0 to 100`);
      score = null;
    }
  }

  const rawSource = cell(mapping.source);
  const source = rawSource ? matchEnum(CONTACT_SOURCES, rawSource) : null;
  if (rawSource && !source) problems.push(`Unknown source "${rawSource}" — use one of ${CONTACT_SOURCES.map(titleCase).join(", ")}`);

  const rawOwner = cell(mapping.ownerEmail);
  const ownerId = rawOwner ? (context.membersByEmail.get(rawOwner.toLowerCase()) ?? null) : null;
  if (rawOwner && !ownerId) problems.push(`Owner "${rawOwner}" isn't a member of this organization`);

  const companyName = cell(mapping.company) || null;
  if (companyName && companyName.length > MAX_COMPANY_LENGTH) {
    problems.push(`Company is longer than ${MAX_COMPANY_LENGTH} characters`);
  }

  const tagNames = splitTags(cell(mapping.tags));
  const longTag = tagNames.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (longTag) problems.push(`Tag "${longTag.slice(0, 20)}…" is longer than ${MAX_TAG_LENGTH} characters`);
  if (tagNames.length > MAX_TAGS_PER_ROW) problems.push(`At most ${MAX_TAGS_PER_ROW} tags per contact`);

  const customFields: Record<string, string> = {};
  for (const [key, index] of Object.entries(mapping.customFields ?? {})) {
    const definition = context.customFields.get(key);
    const raw = cell(index);
    if (!definition || !raw) continue;
    const result = normalizeCustomFieldValue(definition, raw);
    if (result.ok) customFields[key] = result.value;
    else problems.push(result.message);
  }

  if (problems.length > 0 || (!phone && !email)) return { row: null, problems };
  return {
    row: { phone, name, email, stage, temperature, score, source, ownerId, companyName, customFields, tagNames },
    problems,
  };
}
