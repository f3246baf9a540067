import { z } from "zod";
import { contactIdField } from "~/trpc/routers/contact/contact-fields.schema";

export const mergeContactsSchema = z
  .object({ survivorId: contactIdField, duplicateId: contactIdField })
  .refine((input) => input.survivorId.toLowerCase() !== input.duplicateId.toLowerCase(), {
    message: "Choose two different contacts",
    path: ["duplicateId"],
  });
export type MergeContactsInput = z.output<typeof mergeContactsSchema>;
