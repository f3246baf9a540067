import { z } from "zod";

export const removeMemberSchema = z.object({ membershipId: z.uuid({ message: "Unknown member" }) });
export type RemoveMemberInput = z.infer<typeof removeMemberSchema>;
