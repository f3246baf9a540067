import { z } from "zod";

export const contactConversationsSchema = z.object({ contactId: z.uuid({ message: "Choose a contact." }) });
export type ContactConversationsInput = z.output<typeof contactConversationsSchema>;
