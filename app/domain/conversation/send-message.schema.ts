// What sending a message takes: where (a conversation, or a contact and a channel) and what (text,
// a template with its variables, or an internal note). Browser-safe: the chat form parses the same.
import { z } from "zod";

const where = z.union([
  z.object({ conversationId: z.uuid({ message: "Choose a conversation." }) }),
  z.object({ contactId: z.uuid({ message: "Choose a contact." }), channelId: z.uuid({ message: "Choose a channel." }) }),
]);

const body = z
  .string({ message: "Write a message." })
  .trim()
  .min(1, { message: "Write a message: it is empty." })
  .max(4096, { message: "A message can be at most 4,096 characters." });

export const messageContentSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("TEXT"), body }),
    z.object({ kind: z.literal("NOTE"), body }),
    z
      .object({
        kind: z.literal("TEMPLATE"),
        templateId: z.uuid({ message: "Choose a template." }).optional(),
        templateName: z.string().trim().min(1).max(120).optional(),
        variables: z.record(z.string(), z.string().max(1000)).default({}),
      })
      .refine((value) => value.templateId || value.templateName, { message: "Choose a template." }),
  ],
  { message: "Say whether this is a message, a template or a note." },
);

export const sendMessageInputSchema = z.intersection(where, z.object({ content: messageContentSchema }));

export type SendMessageInput = z.input<typeof sendMessageInputSchema>;
export type MessageContent = z.infer<typeof messageContentSchema>;
