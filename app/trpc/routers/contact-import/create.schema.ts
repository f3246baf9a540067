import { z } from "zod";
import { MAX_IMPORT_BYTES } from "~/domain/contact-import/import-fields";

/**
 * An uploaded CSV file (sent by the upload page's action, not over HTTP JSON),
 * as the page received it: a Blob, whose bytes are read once by the handler.
 * (As a Uint8Array, the input checks every procedure runs would visit each of
 * its millions of bytes one by one.)
 */
export const createImportSchema = z.object({
  fileName: z.string().trim().min(1, { message: "Choose a CSV file" }).max(1000),
  content: z
    .instanceof(Blob, { message: "Choose a CSV file" })
    .refine((file) => file.size > 0, { message: "The file is empty." })
    .refine((file) => file.size <= MAX_IMPORT_BYTES, { message: "The file is larger than 50 MB, the limit — split it into smaller files." }),
});
export type CreateImportInput = z.infer<typeof createImportSchema>;
