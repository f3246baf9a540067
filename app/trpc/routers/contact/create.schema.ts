import { z } from "zod";
import {
  companyIdField,
  customFieldsField,
  emailField,
  nameField,
  ownerIdField,
  PHONE_OR_EMAIL_MESSAGE,
  phoneField,
  scoreField,
  sourceField,
  stageField,
  temperatureField,
} from "~/domain/contact/contact-fields.schema";

/** A contact is known by a phone, an email, or both: at least one is required. */
export const createContactSchema = z
  .object({
    name: nameField,
    phone: phoneField.optional(),
    email: emailField.optional(),
    source: sourceField.default("MANUAL"),
    stage: stageField.default("NEW"),
    temperature: temperatureField.default("COLD"),
    score: scoreField.default(0),
    ownerId: ownerIdField.optional(),
    companyId: companyIdField.optional(),
    customFields: customFieldsField.default({}),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email) ctx.addIssue({ code: "custom", path: ["phone"], message: PHONE_OR_EMAIL_MESSAGE });
  });
export type CreateContactInput = z.output<typeof createContactSchema>;
