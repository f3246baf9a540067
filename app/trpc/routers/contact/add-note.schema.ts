import { z } from "zod";
import { contactIdField } from "~/domain/contact/contact-fields.schema";

export const NOTE_MAX = 5000;

export const addNoteSchema = z.object({
  id: contactIdField,
  body: z
    .string({ message: "Write a note" })
    .trim()
    .min(1, { message: "Write a note" })
    .max(NOTE_MAX, {
      error: (issue) =>
        `A note can be up to ${NOTE_MAX.toLocaleString("en-IN")} characters; this one has ${
          typeof issue.input === "string" ? issue.input.length.toLocaleString("en-IN") : "more"
        }. Shorten it or split it into two notes`,
    }),
});
export type AddNoteInput = z.output<typeof addNoteSchema>;
