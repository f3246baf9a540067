import { z } from "zod";
import { DUPLICATE_STRATEGIES, IMPORT_FIELDS } from "~/domain/contact-import/import-fields";

/** A column position from a select: "" means "don't import". */
const column = z.preprocess(
  (value) => (value === "" || value === null || value === undefined ? undefined : value),
  z.coerce.number({ message: "Choose a column" }).int().min(0, { message: "Choose a column" }).max(999).optional(),
);

export const importMappingSchema = z
  .object({
    ...(Object.fromEntries(IMPORT_FIELDS.map((field) => [field.key, column])) as Record<
      (typeof IMPORT_FIELDS)[number]["key"],
      typeof column
    >),
    customFields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "Unknown custom field" }), column).optional().default({}),
  })
  .superRefine((mapping, ctx) => {
    if (mapping.name === undefined) {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Choose the column with each contact's name — a name column and a phone or email column are required." });
    }
    if (mapping.phone === undefined && mapping.email === undefined) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "Choose the column with each contact's phone or email — a contact needs one of them." });
    }
  });

export const configureImportSchema = z.object({
  id: z.uuid({ message: "Import not found" }),
  duplicateStrategy: z.enum(DUPLICATE_STRATEGIES.map((s) => s.value) as ["SKIP", "UPDATE", "MERGE"], {
    message: "Choose what to do with contacts that already exist",
  }),
  mapping: importMappingSchema,
});
export type ConfigureImportInput = z.infer<typeof configureImportSchema>;
