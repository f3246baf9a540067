import { z } from "zod";
import { allowedOriginsField } from "~/trpc/routers/web-form/create.schema";

export const setAllowedOriginsSchema = z.object({
  id: z.uuid({ message: "Form not found" }),
  allowedOrigins: allowedOriginsField,
});
export type SetAllowedOriginsInput = z.infer<typeof setAllowedOriginsSchema>;
