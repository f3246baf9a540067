// What an admin enters for a message template, shared by the settings form (Conform, in the
// browser), the form action and the procedures.
import { z } from "zod";
import { CHANNEL_KINDS } from "~/domain/channel/channel-fields.schema";
import { templateSyntaxProblem } from "~/domain/conversation/message-template";

export const TEMPLATE_CATEGORIES = ["UTILITY", "MARKETING", "AUTHENTICATION"] as const;
export const TEMPLATE_CATEGORY_LABELS: Record<(typeof TEMPLATE_CATEGORIES)[number], string> = {
  UTILITY: "Utility",
  MARKETING: "Marketing",
  AUTHENTICATION: "Authentication",
};

export const TEMPLATE_APPROVAL_STATUSES = ["DRAFT", "PENDING", "APPROVED", "REJECTED"] as const;
export type TemplateApprovalStatus = (typeof TEMPLATE_APPROVAL_STATUSES)[number];
export const TEMPLATE_APPROVAL_LABELS: Record<TemplateApprovalStatus, string> = {
  DRAFT: "Draft",
  PENDING: "Waiting for approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

/** The longest body: WhatsApp allows 1,024 characters in a template body, SMS and email more. */
export const MAX_TEMPLATE_BODY_LENGTH = 4096;

export const messageTemplateIdField = z.uuid({ message: "Template not found" });

const nameField = z
  .string({ message: "Enter a name" })
  .trim()
  .min(1, { message: "Enter a name" })
  .max(120, { message: "Use at most 120 characters" })
  .refine((name) => !/[\r\n\t]/.test(name), { message: "Use a single line" });

const languageField = z
  .string({ message: "Enter a language code" })
  .trim()
  .regex(/^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$/, { message: "Use a language code such as en, hi or en_US" });

const bodyField = z
  .string({ message: "Write the message" })
  .trim()
  .min(1, { message: "Write the message" })
  .max(MAX_TEMPLATE_BODY_LENGTH, { message: `Use at most ${MAX_TEMPLATE_BODY_LENGTH.toLocaleString("en-IN")} characters` })
  .superRefine((body, ctx) => {
    const problem = templateSyntaxProblem(body);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** "" means none; a Twilio Content API template is HX and 32 hex digits. */
const contentSidField = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .trim()
    .regex(/^HX[0-9a-fA-F]{32}$/, { message: "A content SID is HX followed by 32 hex digits (Twilio Console › Content Template Builder)" })
    .optional(),
);

const templateFields = {
  name: nameField,
  channelKind: z.enum(CHANNEL_KINDS, { message: "Choose WhatsApp, SMS or email" }),
  language: languageField.default("en"),
  category: z.enum(TEMPLATE_CATEGORIES, { message: "Choose a category from the list" }).default("UTILITY"),
  body: bodyField,
  approvalStatus: z.enum(TEMPLATE_APPROVAL_STATUSES, { message: "Choose draft, waiting for approval, approved or rejected" }).default("DRAFT"),
  contentSid: contentSidField,
};

/** An email is not sent through Twilio's Content API: it keeps no content SID. */
function dropWhatIsUnused<T extends { channelKind: string; contentSid?: string | undefined }>(value: T): T {
  return value.channelKind === "EMAIL" ? { ...value, contentSid: undefined } : value;
}

export const createMessageTemplateSchema = z.object(templateFields).transform(dropWhatIsUnused);
export type CreateMessageTemplateInput = z.output<typeof createMessageTemplateSchema>;

export const updateMessageTemplateSchema = z.object({ id: messageTemplateIdField, ...templateFields }).transform(dropWhatIsUnused);
export type UpdateMessageTemplateInput = z.output<typeof updateMessageTemplateSchema>;

export const messageTemplateIdSchema = z.object({ id: messageTemplateIdField });
export type MessageTemplateIdInput = z.output<typeof messageTemplateIdSchema>;
