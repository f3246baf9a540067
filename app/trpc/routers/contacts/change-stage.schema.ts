import { z } from "zod";
import { CONTACT_STAGES } from "~/domain/contact/contact-filter.schema";

export const changeStageSchema = z.object({
  contactId: z.uuid({ message: "Contact not found" }),
  stage: z.enum(CONTACT_STAGES, { message: "Choose a stage" }),
  /** The version the person saw; a move based on an older one is refused. */
  version: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce.number({ message: "Unknown version" }).int().min(1, { message: "Unknown version" }).optional(),
  ),
});
export type ChangeStageInput = z.output<typeof changeStageSchema>;
