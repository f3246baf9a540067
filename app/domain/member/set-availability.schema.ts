// A member's availability for the round-robin. Browser-safe: the toggle form, the tRPC input and the command share it.
import { z } from "zod";

const checkbox = z.preprocess((value) => (value === "on" || value === "true" ? true : value === "false" || value === "off" ? false : value), z.boolean({ message: "Say whether the member is available" }));

export const setMemberAvailabilitySchema = z.object({
  membershipId: z.uuid({ message: "Member not found" }),
  available: checkbox,
});
export type SetMemberAvailabilityInput = z.input<typeof setMemberAvailabilitySchema>;

