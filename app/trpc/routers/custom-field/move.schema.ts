import { z } from "zod";

export const moveCustomFieldSchema = z.object({
  id: z.uuid({ message: "Field not found" }),
  direction: z.enum(["up", "down"], { message: "Move up or down" }),
});
export type MoveCustomFieldInput = z.output<typeof moveCustomFieldSchema>;
