import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { createCustomFieldSchema } from "~/trpc/routers/custom-field/create.schema";
import { moveCustomFieldSchema } from "~/trpc/routers/custom-field/move.schema";
import { deleteCustomFieldSchema } from "~/trpc/routers/custom-field/delete.schema";
import { CUSTOM_FIELD_TYPE_LABELS, CUSTOM_FIELD_TYPES, customFieldKeyFromLabel } from "~/trpc/routers/custom-field/custom-field-value";
import { parseForm, type FormReply, runAndRedirect } from "~/utils/form-action.server";
import { redirectWithToast } from "~/utils/toast.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Custom fields · Settings · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const fields = await loaderCall(request, () => caller.customField.list());
  return json({ fields, manage: can(ctx.org?.role, "update:settings:any") });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const here = "/settings/fields";
  switch (form.get("intent")) {
    case "create": {
      const parsed = parseForm(form, createCustomFieldSchema);
      if (!parsed.ok) return parsed.response;
      try {
        const field = await caller.customField.create(parsed.value);
        return redirectWithToast(here, { type: "success", message: `Field ${field.label} added.` });
      } catch (error) {
        return parsed.reply(error);
      }
    }
    case "move":
      return runAndRedirect(here, async () => {
        await caller.customField.move(moveCustomFieldSchema.parse(Object.fromEntries(form)));
        return "Order saved.";
      });
    case "delete":
      return runAndRedirect(here, async () => {
        const result = await caller.customField.delete(deleteCustomFieldSchema.parse(Object.fromEntries(form)));
        return `Field ${result.label} deleted${result.cleared ? `; its value was removed from ${result.cleared} contact${result.cleared === 1 ? "" : "s"}` : ""}.`;
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

function CreateFieldForm() {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-field",
    lastResult: lastResult && "status" in lastResult ? lastResult : undefined,
    defaultValue: { type: "TEXT" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createCustomFieldSchema }),
  });
  const label = typeof form.value?.label === "string" ? form.value.label : "";
  return (
    <Card title="New custom field">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="create" />
        <FormError errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Label"
            placeholder="Trading experience"
            hint={label && customFieldKeyFromLabel(label) ? `Stored as ${customFieldKeyFromLabel(label)}` : "What agents see on the contact."}
            {...getInputProps(fields.label, { type: "text" })}
            error={fields.label.errors?.[0]}
          />
          <SelectField
            label="Type"
            {...getSelectProps(fields.type)}
            options={CUSTOM_FIELD_TYPES.map((value) => ({ value, label: CUSTOM_FIELD_TYPE_LABELS[value] }))}
            error={fields.type.errors?.[0]}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={fields.options.id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Options (single choice only, one per line)
          </label>
          <textarea
            {...getTextareaProps(fields.options)}
            rows={3}
            placeholder={"beginner\nintermediate\npro"}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          {fields.options.errors?.[0] ? (
            <p id={fields.options.errorId} className="text-sm text-red-600 dark:text-red-400">
              {fields.options.errors[0]}
            </p>
          ) : null}
        </div>
        <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} pendingText="Adding…">
          Add field
        </Button>
      </Form>
    </Card>
  );
}

function RowButton({ intent, id, label, extra, ariaLabel, disabled }: { intent: string; id: string; label: string; extra?: Record<string, string>; ariaLabel: string; disabled?: boolean }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant="secondary" className="min-h-9 px-3 py-1" aria-label={ariaLabel} disabled={disabled}>
        {label}
      </Button>
    </Form>
  );
}

export default function CustomFieldSettingsPage() {
  const { fields, manage } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      {manage ? (
        <CreateFieldForm />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can change custom fields.</p>
      )}
      <Card title={`Custom fields (${fields.length})`}>
        {fields.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No custom fields yet.</p>
        ) : (
          <ol aria-label="Custom fields" className="divide-y divide-slate-200 dark:divide-slate-800">
            {fields.map((field, index) => (
              <li key={field.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium">{field.label}</p>
                  <p className="text-slate-500">
                    {CUSTOM_FIELD_TYPE_LABELS[field.type]} · <code>{field.key}</code>
                    {field.options.length ? ` · ${field.options.join(", ")}` : ""}
                  </p>
                </div>
                {manage ? (
                  <div className="flex flex-wrap items-start gap-2">
                    <RowButton intent="move" id={field.id} extra={{ direction: "up" }} label="↑" ariaLabel={`Move ${field.label} up`} disabled={index === 0} />
                    <RowButton
                      intent="move"
                      id={field.id}
                      extra={{ direction: "down" }}
                      label="↓"
                      ariaLabel={`Move ${field.label} down`}
                      disabled={index === fields.length - 1}
                    />
                    <details>
                      <summary className="inline-flex min-h-9 cursor-pointer list-none items-center rounded-md px-3 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
                        Delete…
                      </summary>
                      <Form method="post" className="mt-2 max-w-xs space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={field.id} />
                        <p>Delete {field.label}? Its value is removed from every contact. This can&apos;t be undone.</p>
                        <Button variant="danger" className="min-h-9 px-3 py-1">
                          Delete {field.label}
                        </Button>
                      </Form>
                    </details>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
