// The "Auto-assign new conversations" switch. Browser-safe: the form, the tRPC input and the command share it.
import { z } from "zod";

export const setAutoAssignConversationsSchema = z.object({
  // An unticked checkbox sends nothing: absent means off.
  enabled: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
});
export type SetAutoAssignConversationsInput = z.input<typeof setAutoAssignConversationsSchema>;

