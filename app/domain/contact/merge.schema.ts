// Merging two contacts: which one stays, and for each field whose value it
// keeps. Browser-safe: the merge page renders its choices from these and the
// procedure parses them.
import { z } from "zod";
import { CUSTOM_FIELD_KEY_PATTERN, contactIdField, versionField } from "~/domain/contact/contact-fields.schema";

/** Fields offered side by side, in the order the merge page lists them. */
export const MERGE_FIELDS = ["name", "phone", "email", "stage", "temperature", "score", "ownerId", "companyId"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const MERGE_SIDES = ["survivor", "duplicate"] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];

const side = z.enum(MERGE_SIDES, { message: "Choose which contact's value to keep" });

export const mergeKeepSchema = z
  .object({
    name: side.optional(),
    phone: side.optional(),
    email: side.optional(),
    stage: side.optional(),
    temperature: side.optional(),
    score: side.optional(),
    ownerId: side.optional(),
    companyId: side.optional(),
    customFields: z
      .record(z.string().regex(CUSTOM_FIELD_KEY_PATTERN, { message: "Unknown custom field" }), side)
      .optional(),
  })
  .optional();
export type MergeKeep = z.output<typeof mergeKeepSchema>;

export const mergeContactsSchema = z
  .object({
    survivorId: contactIdField,
    duplicateId: contactIdField,
    /** Whose value each field keeps; a field left out keeps the survivor's, or the duplicate's when the survivor's is empty. */
    keep: mergeKeepSchema,
    /** The versions the choices were made on (the merge page sends them): a contact changed since is refused. */
    survivorVersion: versionField.optional(),
    duplicateVersion: versionField.optional(),
  })
  .refine((input) => input.survivorId.toLowerCase() !== input.duplicateId.toLowerCase(), {
    message: "Choose two different contacts",
    path: ["duplicateId"],
  });
export type MergeContactsInput = z.output<typeof mergeContactsSchema>;

export function isBlankValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The side a field keeps when nobody chose: the survivor's value, unless it is empty and the duplicate's is not. */
export function defaultMergeSide(survivorValue: unknown, duplicateValue: unknown): MergeSide {
  return isBlankValue(survivorValue) && !isBlankValue(duplicateValue) ? "duplicate" : "survivor";
}
