import { z } from "zod";
import { contactIdField } from "~/trpc/routers/contact/contact-fields.schema";

export const NOTE_MAX = 5000;

export const addNoteSchema = z.object({
  id: contactIdField,
  body: z
    .string({ message: "Write a note" })
    .trim()
    .min(1, { message: "Write a note" })
    .max(NOTE_MAX, { message: `Keep notes under ${NOTE_MAX} characters` }),
});
export type AddNoteInput = z.output<typeof addNoteSchema>;
