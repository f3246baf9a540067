import { z } from "zod";
import {
  companyIdField,
  contactIdField,
  customFieldsField,
  emailField,
  nameField,
  ownerIdField,
  phoneField,
  scoreField,
  stageField,
  temperatureField,
  versionField,
} from "~/domain/contact/contact-fields.schema";

/**
 * A partial edit: fields left out stay as they are. `version` is the one the
 * editor loaded; a save carrying an older version is refused.
 */
export const updateContactSchema = z.object({
  id: contactIdField,
  version: versionField,
  name: nameField.optional(),
  phone: phoneField.optional(),
  email: emailField.optional(),
  stage: stageField.optional(),
  temperature: temperatureField.optional(),
  score: scoreField.optional(),
  ownerId: ownerIdField.optional(),
  companyId: companyIdField.optional(),
  customFields: customFieldsField.optional(),
});
export type UpdateContactInput = z.output<typeof updateContactSchema>;
