// The fields of a message template, shared by the new-template form and the edit page (Conform
// fields; plain inputs, so the form posts without JavaScript). With JavaScript the preview follows
// the body as it is typed; without, it shows what was last submitted.
import { useState } from "react";
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { SelectField, TextareaField, TextField } from "~/components/ui/field";
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS } from "~/domain/channel/channel-fields.schema";
import {
  MAX_TEMPLATE_BODY_LENGTH,
  TEMPLATE_APPROVAL_LABELS,
  TEMPLATE_APPROVAL_STATUSES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_CATEGORY_LABELS,
} from "~/domain/message-template/message-template-fields.schema";
import { TemplatePreview } from "./template-preview";

const KIND_OPTIONS = CHANNEL_KINDS.map((value) => ({ value, label: CHANNEL_KIND_LABELS[value] }));
const CATEGORY_OPTIONS = TEMPLATE_CATEGORIES.map((value) => ({ value, label: TEMPLATE_CATEGORY_LABELS[value] }));
const STATUS_OPTIONS = TEMPLATE_APPROVAL_STATUSES.map((value) => ({ value, label: TEMPLATE_APPROVAL_LABELS[value] }));

type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;

type Fields = { name: Field; channelKind: Field; language: Field; category: Field; approvalStatus: Field; contentSid: Field; body: Field };

export function TemplateFormFields({ fields }: { fields: Fields }) {
  const [body, setBody] = useState(String(fields.body.initialValue ?? ""));
  const bodyError = fields.body.errors?.[0];
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} hint="As it is named in Twilio or Meta, such as welcome_offer" />
        <SelectField label="Channel" {...getSelectProps(fields.channelKind)} options={KIND_OPTIONS} error={fields.channelKind.errors?.[0]} />
        <TextField label="Language" {...getInputProps(fields.language, { type: "text" })} error={fields.language.errors?.[0]} hint="A code such as en, hi or en_US" />
        <SelectField label="Category" {...getSelectProps(fields.category)} options={CATEGORY_OPTIONS} error={fields.category.errors?.[0]} />
        <SelectField label="Approval" {...getSelectProps(fields.approvalStatus)} options={STATUS_OPTIONS} error={fields.approvalStatus.errors?.[0]} />
        <TextField
          label="Twilio content SID"
          {...getInputProps(fields.contentSid, { type: "text" })}
          error={fields.contentSid.errors?.[0]}
          hint="HX and 32 hex digits; a Twilio WhatsApp sender needs it (not used for email)"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <TextareaField
        label="Message"
        {...getTextareaProps(fields.body)}
        rows={5}
        maxLength={MAX_TEMPLATE_BODY_LENGTH}
        onInput={(event) => setBody(event.currentTarget.value)}
        error={bodyError}
        hint={<>Name a variable in double braces: {"{{firstName}}"}, {"{{productName}}"}. Letters and digits, starting with a letter, no spaces.</>}
      />
      <TemplatePreview body={body} />
    </div>
  );
}
