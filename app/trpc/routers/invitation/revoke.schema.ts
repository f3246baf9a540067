import { z } from "zod";

export const revokeInvitationSchema = z.object({ invitationId: z.uuid({ message: "Unknown invitation" }) });
export type RevokeInvitationInput = z.infer<typeof revokeInvitationSchema>;
