import { z } from "zod";
import {
  CUSTOM_FIELD_OPTION_LIMIT,
  CUSTOM_FIELD_OPTION_MAX,
  customFieldLabelField,
} from "~/trpc/routers/custom-field/create.schema";

/**
 * One option row of the edit form: `from` is the option as it was stored when
 * the form opened (empty for a new row), `name` what it should be called now.
 * A row whose name differs from its `from` is a rename, which carries over to
 * every contact holding that option; an original no row claims is a removal.
 */
export const customFieldOptionRowSchema = z.object({
  from: z
    .string()
    .trim()
    .max(CUSTOM_FIELD_OPTION_MAX)
    .nullish()
    .transform((value) => value || null),
  name: z
    .string({ message: "Enter the option, or remove the row" })
    .trim()
    .min(1, { message: "Enter the option, or remove the row" })
    .max(CUSTOM_FIELD_OPTION_MAX, { message: `Use at most ${CUSTOM_FIELD_OPTION_MAX} characters` }),
});
export type CustomFieldOptionRow = z.output<typeof customFieldOptionRowSchema>;

/** The checkbox that confirms clearing removed options from contacts (the refusal names it). */
export const CLEAR_REMOVED_LABEL = "Clear removed options from the contacts that have them";

/** The key and type never change: filters, imports and stored values depend on them. */
export const updateCustomFieldSchema = z
  .object({
    id: z.uuid({ message: "Field not found" }),
    label: customFieldLabelField,
    /** Single-choice fields only; leave out to keep the options as they are. */
    options: z
      .array(customFieldOptionRowSchema, { message: "Give the options as a list" })
      .min(2, { message: "Give at least two options" })
      .max(CUSTOM_FIELD_OPTION_LIMIT, { message: `Use at most ${CUSTOM_FIELD_OPTION_LIMIT} options` })
      .optional(),
    /** Confirms that options removed while contacts still hold them are cleared from those contacts. */
    clearRemoved: z.boolean({ message: "Tick the box or leave it" }).default(false),
  })
  .superRefine((input, ctx) => {
    const names = new Set<string>();
    const froms = new Set<string>();
    for (const [index, row] of (input.options ?? []).entries()) {
      const name = row.name.toLowerCase();
      if (names.has(name)) {
        ctx.addIssue({ code: "custom", path: ["options", index, "name"], message: `${row.name} is already an option` });
      }
      names.add(name);
      if (row.from !== null) {
        if (froms.has(row.from)) {
          ctx.addIssue({ code: "custom", path: ["options", index, "name"], message: "This option is listed twice. Reload the page." });
        }
        froms.add(row.from);
      }
    }
  });
export type UpdateCustomFieldInput = z.output<typeof updateCustomFieldSchema>;
