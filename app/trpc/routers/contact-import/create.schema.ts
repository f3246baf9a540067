import { z } from "zod";
import { MAX_IMPORT_BYTES } from "~/trpc/routers/contact-import/import-fields";

/** An uploaded CSV file (sent by the upload page's action, not over HTTP JSON). */
export const createImportSchema = z.object({
  fileName: z.string().trim().min(1, { message: "Choose a CSV file" }).max(1000),
  content: z
    .instanceof(Uint8Array, { message: "Choose a CSV file" })
    .refine((bytes) => bytes.byteLength > 0, { message: "The file is empty." })
    .refine((bytes) => bytes.byteLength <= MAX_IMPORT_BYTES, { message: "The file is larger than 50 MB, the limit — split it into smaller files." }),
});
export type CreateImportInput = z.infer<typeof createImportSchema>;
