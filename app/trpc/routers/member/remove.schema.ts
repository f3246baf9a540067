import { z } from "zod";

export const removeMemberSchema = z.object({
  membershipId: z.uuid({ message: "Unknown member" }),
  /**
   * The member who takes over the leaving member's contacts, deals and pending follow-ups;
   * empty or absent: they are left unassigned.
   */
  reassignTo: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.uuid({ message: "Choose a member of this organization, or nobody" }).optional(),
  ),
});
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;

export const removalPreviewSchema = z.object({ membershipId: z.uuid({ message: "Unknown member" }) });
export type RemovalPreviewInput = z.infer<typeof removalPreviewSchema>;
