import { z } from "zod";
import { CUSTOM_FIELD_TYPES, customFieldKeyFromLabel } from "~/domain/custom-field/custom-field-value";

export const CUSTOM_FIELD_OPTION_LIMIT = 50;
export const CUSTOM_FIELD_OPTION_MAX = 60;
export const CUSTOM_FIELD_LABEL_MAX = 80;

/** How an option too long to keep is named in the message: its line, and its start when that is long. */
function optionTooLongMessage(option: string, line: number) {
  const start = option.length > 24 ? `${option.slice(0, 24)}…` : option;
  return `Option ${line} (“${start}”) is ${option.length} characters; keep each option to ${CUSTOM_FIELD_OPTION_MAX} or fewer`;
}

/**
 * Options arrive as one per line (or comma-separated) from the form, or as a list.
 * A problem with one option is reported on the options themselves (naming the
 * option), so the one box holding them all can show it.
 */
const optionsField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\n,]/) : value ?? []),
  z
    .array(z.string({ message: "Give each option as text" }).trim(), { message: "Give the options one per line" })
    .superRefine((options, ctx) => {
      const kept = options.filter(Boolean);
      for (const [index, option] of kept.entries()) {
        if (option.length > CUSTOM_FIELD_OPTION_MAX) ctx.addIssue({ code: "custom", message: optionTooLongMessage(option, index + 1) });
      }
    })
    .transform((options) => [...new Map(options.filter(Boolean).map((option) => [option.toLowerCase(), option])).values()])
    .pipe(z.array(z.string()).max(CUSTOM_FIELD_OPTION_LIMIT, { message: `Use at most ${CUSTOM_FIELD_OPTION_LIMIT} options` })),
);

/** A field's label: what agents see on the contact (and, when created, where its key comes from). */
export const customFieldLabelField = z
  .string({ message: "Enter a label" })
  .trim()
  .min(1, { message: "Enter a label" })
  .max(CUSTOM_FIELD_LABEL_MAX, { message: `Use at most ${CUSTOM_FIELD_LABEL_MAX} characters` })
  .refine((label) => customFieldKeyFromLabel(label) !== "", { message: "Use some letters or numbers in the label" });

export const createCustomFieldSchema = z
  .object({
    label: customFieldLabelField,
    type: z.enum(CUSTOM_FIELD_TYPES, { message: "Choose a type" }),
    options: optionsField.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.type === "SELECT" && (input.options ?? []).length < 2) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Give at least two options, one per line" });
    }
  })
  .transform((input) => ({ ...input, options: input.type === "SELECT" ? (input.options ?? []) : [] }));
export type CreateCustomFieldInput = z.output<typeof createCustomFieldSchema>;
