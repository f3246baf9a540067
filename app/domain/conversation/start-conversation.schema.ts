// The contact page's "Message on WhatsApp/SMS/Email" form: a channel and the first message.
// Browser-safe: the form and the action parse with it.
import { z } from "zod";

export const startConversationSchema = z.object({
  contactId: z.uuid({ message: "Choose a contact." }),
  channelId: z.uuid({ message: "Choose a channel." }),
  body: z
    .string({ message: "Write a message." })
    .trim()
    .min(1, { message: "Write a message." })
    .max(4096, { message: "A message can be at most 4,096 characters." }),
});
export type StartConversationInput = z.output<typeof startConversationSchema>;
