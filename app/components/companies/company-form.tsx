// The company form, for creating (on /companies) and editing (on /companies/:id).
// A plain POST without JavaScript; Conform validates in the browser with the
// procedure's own schema when JavaScript runs.
import { Form, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { COMPANY_SIZES, companyFieldsSchema } from "~/trpc/routers/company/company-fields.schema";
import type { FormReply } from "~/web/form-action.server";

export type CompanyFormValues = { name: string; industry: string | null; size: string | null; website: string | null };

const SIZE_OPTIONS = [
  { value: "", label: "Not known" },
  ...COMPANY_SIZES.map((size) => ({ value: size, label: `${size} people` })),
];

export function CompanyForm({
  id,
  intent,
  lastResult,
  defaultValue,
  submitLabel,
  hidden,
}: {
  id: string;
  intent: string;
  lastResult?: FormReply;
  defaultValue?: CompanyFormValues;
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult,
    shouldValidate: "onBlur",
    defaultValue: defaultValue
      ? {
          name: defaultValue.name,
          industry: defaultValue.industry ?? "",
          size: defaultValue.size ?? "",
          website: defaultValue.website ?? "",
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: companyFieldsSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="sm:col-span-2">
        <FormError errors={form.errors} />
      </div>
      <TextField label="Company name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
      <TextField
        label="Industry"
        placeholder="Brokerage, trading academy, prop desk…"
        {...getInputProps(fields.industry, { type: "text" })}
        error={fields.industry.errors?.[0]}
      />
      <SelectField label="Size" {...getSelectProps(fields.size)} options={SIZE_OPTIONS} error={fields.size.errors?.[0]} />
      <TextField
        label="Website"
        placeholder="zerodha.com"
        inputMode="url"
        {...getInputProps(fields.website, { type: "text" })}
        error={fields.website.errors?.[0]}
        hint="We add https:// for you."
      />
      <div className="sm:col-span-2">
        <Button pending={submitting} pendingText="Saving…">
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
