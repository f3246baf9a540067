import { z } from "zod";
import {
  companyIdField,
  customFieldsField,
  emailField,
  nameField,
  ownerIdField,
  phoneField,
  scoreField,
  sourceField,
  stageField,
  temperatureField,
} from "~/domain/contact/contact-fields.schema";

export const createContactSchema = z.object({
  name: nameField,
  phone: phoneField,
  email: emailField.optional(),
  source: sourceField.default("MANUAL"),
  stage: stageField.default("NEW"),
  temperature: temperatureField.default("COLD"),
  score: scoreField.default(0),
  ownerId: ownerIdField.optional(),
  companyId: companyIdField.optional(),
  customFields: customFieldsField.default({}),
});
export type CreateContactInput = z.output<typeof createContactSchema>;
