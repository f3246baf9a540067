import { z } from "zod";
import { CUSTOM_FIELD_TYPES, customFieldKeyFromLabel } from "~/trpc/routers/custom-field/custom-field-value";

/** Options arrive as one per line (or comma-separated) from the form, or as a list. */
const optionsField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\n,]/) : value ?? []),
  z
    .array(z.string().trim().max(60, { message: "Keep each option under 60 characters" }))
    .transform((options) => [...new Map(options.filter(Boolean).map((option) => [option.toLowerCase(), option])).values()])
    .pipe(z.array(z.string()).max(50, { message: "Use at most 50 options" })),
);

export const createCustomFieldSchema = z
  .object({
    label: z
      .string({ message: "Enter a label" })
      .trim()
      .min(1, { message: "Enter a label" })
      .max(80, { message: "Use at most 80 characters" })
      .refine((label) => customFieldKeyFromLabel(label) !== "", { message: "Use some letters or numbers in the label" }),
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
