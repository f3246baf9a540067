// The inputs of a contact, in groups. The create form uses them all; the
// contact page edits one group at a time with the same pieces.
import { getInputProps, getSelectProps } from "@conform-to/react";
import { SelectField, TextField } from "~/components/ui/field";
import type { SectionFields, SectionFormMeta } from "~/components/contact/section-form";
import type { ContactFormOptions } from "~/components/contact/contact-types";
import { SOURCE_LABELS, STAGE_LABELS, TEMPERATURE_LABELS } from "~/domain/contact/contact-labels";
import { CONTACT_SOURCES, CONTACT_STAGES, TEMPERATURES } from "~/domain/contact/contact-filter.schema";

const CONTROL =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100";

export function DetailsFields({ fields }: { fields: SectionFields }) {
  return (
    <>
      <TextField label="Name" autoComplete="off" {...getInputProps(fields.name!, { type: "text" })} error={fields.name!.errors?.[0]} />
      <TextField
        label="Phone"
        inputMode="tel"
        autoComplete="off"
        hint="Any format: 98765 43210, 098765-43210 or +91 98765 43210. A contact needs a phone or an email."
        {...getInputProps(fields.phone!, { type: "text" })}
        error={fields.phone!.errors?.[0]}
      />
      <TextField
        label="Email"
        autoComplete="off"
        {...getInputProps(fields.email!, { type: "email" })}
        error={fields.email!.errors?.[0]}
      />
    </>
  );
}

export function SourceField({ fields }: { fields: SectionFields }) {
  return (
    <SelectField
      label="Source"
      {...getSelectProps(fields.source!)}
      options={CONTACT_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] ?? value }))}
      error={fields.source!.errors?.[0]}
    />
  );
}

export function StatusFields({ fields }: { fields: SectionFields }) {
  return (
    <>
      <SelectField
        label="Stage"
        {...getSelectProps(fields.stage!)}
        options={CONTACT_STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }))}
        error={fields.stage!.errors?.[0]}
      />
      <SelectField
        label="Temperature"
        {...getSelectProps(fields.temperature!)}
        options={TEMPERATURES.map((value) => ({ value, label: TEMPERATURE_LABELS[value] }))}
        error={fields.temperature!.errors?.[0]}
      />
      <TextField
        label="Score (0–100)"
        inputMode="numeric"
        {...getInputProps(fields.score!, { type: "text" })}
        error={fields.score!.errors?.[0]}
      />
    </>
  );
}

export function OwnershipFields({ fields, options }: { fields: SectionFields; options: ContactFormOptions }) {
  return (
    <>
      <SelectField
        label="Owner"
        {...getSelectProps(fields.ownerId!)}
        options={[
          { value: "", label: "Unassigned" },
          ...options.members.map((member) => ({ value: member.id, label: member.id === options.me.id ? `${member.name} (me)` : member.name })),
        ]}
        error={fields.ownerId!.errors?.[0]}
      />
      <SelectField
        label="Company"
        {...getSelectProps(fields.companyId!)}
        options={[{ value: "", label: "No company" }, ...options.companies.map((company) => ({ value: company.id, label: company.name }))]}
        error={fields.companyId!.errors?.[0]}
      />
    </>
  );
}

type Definition = ContactFormOptions["customFields"][number];

/** One input per custom field, named `customFields.<key>`; values are sent as text and checked on the server. */
export function CustomFieldInputs({
  form,
  definitions,
  values,
}: {
  form: SectionFormMeta;
  definitions: Definition[];
  values: Record<string, string | null>;
}) {
  const submitted = (form.initialValue?.customFields ?? null) as Record<string, unknown> | null;
  return (
    <>
      {definitions.map((definition) => {
        const name = `customFields.${definition.key}`;
        const id = `${form.id}-cf-${definition.key}`;
        const error = form.allErrors[name]?.[0];
        const raw = submitted && typeof submitted[definition.key] === "string" ? submitted[definition.key] : values[definition.key];
        const defaultValue = typeof raw === "string" ? raw : "";
        const common = {
          id,
          name,
          defaultValue,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
          className: `${CONTROL} ${error ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`,
        };
        return (
          <div key={definition.key} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
              {definition.label}
            </label>
            {definition.type === "SELECT" ? (
              <select {...common}>
                <option value="">—</option>
                {definition.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : definition.type === "DATE" ? (
              <input type="date" {...common} />
            ) : definition.type === "NUMBER" ? (
              <input type="text" inputMode="decimal" {...common} />
            ) : (
              <input type="text" maxLength={500} {...common} />
            )}
            {error ? (
              <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </>
  );
}
