// The bulk bar as an HTML form (works without JavaScript): checked rows or
// "all matching", the current view, and one <select> whose options carry the
// action and its value ("stage:INTERESTED", "addTag:<id>", "owner:none",
// "delete"). Turned into bulk.run's input. Browser-safe.
import { z } from "zod";
import type { BulkRunInput } from "~/domain/bulk/bulk-run.schema";

export const BULK_FORM_MAX_IDS = 1_000;

const toArray = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

export const bulkFormSchema = z.object({
  /** The list view (URL search string) the selection was made in. */
  view: z.string().max(8_000, { message: "That view is too long" }).default(""),
  scope: z.enum(["ids", "filter"], { message: "Choose selected rows or all matching" }).default("ids"),
  ids: z.preprocess(toArray, z.array(z.uuid({ message: "Unknown contact" })).max(BULK_FORM_MAX_IDS)),
  op: z.string({ message: "Choose an action" }).min(1, { message: "Choose an action" }).max(80),
  confirmed: z.literal("yes").optional(),
  /** With a confirmed deletion: the count the confirmation showed. */
  expected: z.coerce.number({ message: "Confirm how many contacts to delete" }).int().nonnegative().optional(),
});
export type BulkForm = z.output<typeof bulkFormSchema>;

/** Reads the form, with repeated `ids`. */
export function bulkFormFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of ["view", "scope", "op", "confirmed", "expected"]) {
    const value = form.get(key);
    if (typeof value === "string") fields[key] = value;
  }
  fields.ids = form.getAll("ids").filter((value): value is string => typeof value === "string");
  return fields;
}

export const bulkOp = {
  stage: (stage: string) => `stage:${stage}`,
  temperature: (temperature: string) => `temperature:${temperature}`,
  addTag: (tagId: string) => `addTag:${tagId}`,
  removeTag: (tagId: string) => `removeTag:${tagId}`,
  owner: (ownerId: string | null) => `owner:${ownerId ?? "none"}`,
  delete: () => "delete",
};

/** The action part of bulk.run's input from an option value; null when it isn't one. */
export function bulkOpToCommand(op: string): Omit<BulkRunInput, "selection"> | null {
  if (op === "delete") return { action: "delete", params: {} };
  const index = op.indexOf(":");
  if (index < 1) return null;
  const kind = op.slice(0, index);
  const value = op.slice(index + 1);
  // Values are checked by bulk.run's schema; here we only route them.
  switch (kind) {
    case "stage":
      return { action: "changeStage", params: { stage: value as never } };
    case "temperature":
      return { action: "changeTemperature", params: { temperature: value as never } };
    case "addTag":
      return { action: "addTag", params: { tagId: value } };
    case "removeTag":
      return { action: "removeTag", params: { tagId: value } };
    case "owner":
      return { action: "assignOwner", params: { ownerId: value === "none" ? null : value } };
    default:
      return null;
  }
}
