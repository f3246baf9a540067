import { z } from "zod";

export const deleteCustomFieldSchema = z.object({ id: z.uuid({ message: "Field not found" }) });
export type DeleteCustomFieldInput = z.output<typeof deleteCustomFieldSchema>;
