// The deal form, for /deals/new and /deals/:id. Works without JavaScript:
// "Find contact" submits the form as a GET, so the page comes back with the
// matching contacts in the picker and everything typed so far still filled in.
import { useState } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { dealFieldsSchema } from "~/trpc/routers/deal/deal-fields.schema";
import type { FormReply } from "~/web/form-action.server";
import { formatPhone } from "~/utils/phone";

export type DealFormValues = {
  title: string;
  value: string;
  stageId: string;
  probability: string;
  contactId: string;
  companyId: string;
  ownerId: string;
  expectedCloseDate: string;
};

export type DealFormOptions = {
  stages: Array<{ id: string; name: string; probability: number }>;
  companies: Array<{ id: string; name: string }>;
  members: Array<{ id: string; name: string }>;
  contacts: Array<{ id: string; name: string; phone: string | null }>;
};

export const DEAL_FORM_FIELDS = [
  "title",
  "value",
  "stageId",
  "probability",
  "contactId",
  "companyId",
  "ownerId",
  "expectedCloseDate",
] as const;

/** Values carried in the URL by a "Find contact" search (or links like /deals/new?companyId=…). */
export function dealFormValuesFromParams(params: URLSearchParams): Partial<DealFormValues> {
  const values: Partial<DealFormValues> = {};
  for (const key of DEAL_FORM_FIELDS) {
    const value = params.get(key);
    if (value !== null) values[key] = value.slice(0, 300);
  }
  return values;
}

export function DealForm({
  id,
  intent,
  defaultValue,
  options,
  contactQ,
  lastResult,
  submitLabel,
  hidden,
  currentProbability,
}: {
  id: string;
  intent: string;
  defaultValue: DealFormValues;
  options: DealFormOptions;
  contactQ: string;
  lastResult?: FormReply;
  submitLabel: string;
  hidden?: Record<string, string>;
  /** On an existing deal, what the probability is now (shown as the hint). */
  currentProbability?: number;
}) {
  const navigation = useNavigation();
  // Pinned when the form appears: a refresh of the page underneath (after a refused save) must not
  // quietly turn a stale edit into an overwrite. "Reload" starts a fresh form.
  const [pinnedHidden] = useState(hidden);
  const [form, fields] = useForm({
    id,
    lastResult,
    shouldValidate: "onBlur",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dealFieldsSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const searching = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "get";
  const probabilityHint =
    currentProbability === undefined
      ? "Leave empty to use the stage's default."
      : `Now ${currentProbability}%. Leave empty to keep it — or, when you change the stage, to use the new stage's default.`;
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(pinnedHidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="sm:col-span-2">
        <FormError errors={form.errors} />
      </div>
      <div className="sm:col-span-2">
        <TextField
          label="Title"
          placeholder="Nifty Trend Rider – 1 year"
          {...getInputProps(fields.title, { type: "text" })}
          error={fields.title.errors?.[0]}
        />
      </div>
      <TextField
        label="Value (₹)"
        placeholder="4,999"
        inputMode="decimal"
        autoComplete="off"
        {...getInputProps(fields.value, { type: "text" })}
        error={fields.value.errors?.[0]}
        hint="In rupees, like 4,999 or 1,24,999.50"
      />
      <SelectField
        label="Stage"
        {...getSelectProps(fields.stageId)}
        options={options.stages.map((stage) => ({ value: stage.id, label: `${stage.name} (${stage.probability}%)` }))}
        error={fields.stageId.errors?.[0]}
      />
      <TextField
        label="Probability (%)"
        inputMode="numeric"
        placeholder="Stage default"
        {...getInputProps(fields.probability, { type: "text" })}
        error={fields.probability.errors?.[0]}
        hint={probabilityHint}
      />
      <TextField
        label="Expected close date"
        {...getInputProps(fields.expectedCloseDate, { type: "date" })}
        error={fields.expectedCloseDate.errors?.[0]}
      />
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800 sm:col-span-2">
        <legend className="px-1 text-sm font-medium text-slate-700 dark:text-slate-200">Contact</legend>
        <div className="flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1 text-sm">
            <span className="mb-1 block text-slate-600 dark:text-slate-300">Find a contact by name, phone or email</span>
            <input
              type="search"
              name="contactQ"
              defaultValue={contactQ}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          <Button type="submit" variant="secondary" formMethod="get" formNoValidate name="find" value="contact" pending={searching} pendingText="Finding…">
            Find contact
          </Button>
        </div>
        <SelectField
          label="Deal contact"
          {...getSelectProps(fields.contactId)}
          options={[
            { value: "", label: options.contacts.length ? "No contact" : contactQ ? `No contact matches “${contactQ}”` : "No contact" },
            ...options.contacts.map((contact) => ({
              value: contact.id,
              label: contact.phone ? `${contact.name} · ${formatPhone(contact.phone)}` : contact.name,
            })),
          ]}
          error={fields.contactId.errors?.[0]}
        />
      </fieldset>
      <SelectField
        label="Company"
        {...getSelectProps(fields.companyId)}
        options={[{ value: "", label: "No company" }, ...options.companies.map((company) => ({ value: company.id, label: company.name }))]}
        error={fields.companyId.errors?.[0]}
      />
      <SelectField
        label="Owner"
        {...getSelectProps(fields.ownerId)}
        options={[{ value: "", label: "Unassigned" }, ...options.members.map((member) => ({ value: member.id, label: member.name }))]}
        error={fields.ownerId.errors?.[0]}
      />
      <div className="sm:col-span-2">
        <Button pending={submitting} pendingText="Saving…">
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
