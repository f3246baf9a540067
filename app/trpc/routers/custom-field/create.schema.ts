import { z } from "zod";
import { CUSTOM_FIELD_TYPES, customFieldKeyFromLabel } from "~/trpc/routers/custom-field/custom-field-value";

export const CUSTOM_FIELD_OPTION_LIMIT = 50;
export const CUSTOM_FIELD_OPTION_MAX = 60;
export const CUSTOM_FIELD_LABEL_MAX = 80;

/** Options arrive as one per line (or comma-separated) from the form, or as a list. */
const optionsField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\n,]/) : value ?? []),
  z
    .array(z.string().trim().max(CUSTOM_FIELD_OPTION_MAX, { message: "Keep each option under 60 characters" }))
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
