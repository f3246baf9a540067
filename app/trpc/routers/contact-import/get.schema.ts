import { z } from "zod";

export const importIdSchema = z.object({ id: z.uuid({ message: "Import not found" }) });
export type ImportIdInput = z.infer<typeof importIdSchema>;
