import { countOf } from "~/utils/format";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { getCaller, loaderCall, toActionFailure } from "~/trpc/caller.server";
import {
  CUSTOM_FIELD_OPTION_LIMIT,
  CUSTOM_FIELD_OPTION_MAX,
  createCustomFieldSchema,
} from "~/trpc/routers/custom-field/create.schema";
import { moveCustomFieldSchema } from "~/trpc/routers/custom-field/move.schema";
import { deleteCustomFieldSchema } from "~/trpc/routers/custom-field/delete.schema";
import { CLEAR_REMOVED_LABEL, updateCustomFieldSchema } from "~/trpc/routers/custom-field/update.schema";
import { CUSTOM_FIELD_TYPE_LABELS, CUSTOM_FIELD_TYPES, customFieldKeyFromLabel } from "~/domain/custom-field/custom-field-value";
import { submitAndRedirect, type FormReply, runAndRedirect } from "~/web/form-action.server";
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
    case "create":
      return submitAndRedirect(form, createCustomFieldSchema, async (value) => {
        const field = await caller.customField.create(value);
        return { to: here, message: `Field ${field.label} added.` };
      });
    case "update":
      return updateField(form, caller);
    case "move":
      return runAndRedirect(here, async () => {
        await caller.customField.move(moveCustomFieldSchema.parse(Object.fromEntries(form)));
        return "Order saved.";
      });
    case "delete":
      return runAndRedirect(here, async () => {
        const result = await caller.customField.delete(deleteCustomFieldSchema.parse(Object.fromEntries(form)));
        return `Field ${result.label} deleted${result.cleared ? `; its value was removed from ${countOf(result.cleared, "contact")}` : ""}.`;
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

type Caller = Awaited<ReturnType<typeof getCaller>>["caller"];
/** What a refused (or, without JavaScript, an add/move/remove option) edit sends back: the form of one field. */
type EditReply = { fieldId: string; result: FormReply };

async function updateField(form: FormData, caller: Caller) {
  const here = "/settings/fields";
  const fieldId = String(form.get("id") ?? "");
  const submission = parseWithZod(form, { schema: updateCustomFieldSchema });
  if (submission.status !== "success") {
    // No status: an add/move/remove-option button pressed without JavaScript; the form comes back rearranged.
    const reply: EditReply = { fieldId, result: submission.reply() };
    return json(reply, { status: submission.status === "error" ? 400 : 200 });
  }
  try {
    const field = await caller.customField.update(submission.value);
    const parts = [
      field.previousLabel === field.label ? `Field ${field.label} saved` : `Field ${field.previousLabel} renamed to ${field.label}`,
      field.renamed ? `${countOf(field.renamed, "contact")} updated to the renamed option` : null,
      field.cleared ? `the removed option cleared from ${countOf(field.cleared, "contact")}` : null,
    ];
    return redirectWithToast(here, { type: "success", message: `${parts.filter(Boolean).join("; ")}.` });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) throw redirect("/login");
    if (failure.status === 403 || failure.status === 404) throw json({ message: failure.message }, { status: failure.status });
    const fieldErrors = Object.fromEntries(Object.entries(failure.fieldErrors).map(([key, message]) => [key, [message]]));
    const reply: EditReply = { fieldId, result: submission.reply({ formErrors: [failure.message], fieldErrors }) };
    return json(reply, { status: failure.status });
  }
}

/**
 * The messages for a list of options that belong in the box under it: its own, and
 * those of single options (`options[2]`, …) that have no input of their own to show
 * them (`shownElsewhere` names the ones that do). Without this an option refused on
 * its own would stop the form with nothing said.
 */
function optionsBoxErrors(allErrors: Record<string, string[]>, shownElsewhere: (name: string) => boolean = () => false): string[] {
  const messages = Object.entries(allErrors)
    .filter(([name]) => !shownElsewhere(name))
    .flatMap(([, errors]) => errors);
  return [...new Set(messages)];
}

const OPTIONS_HINT = `Up to ${CUSTOM_FIELD_OPTION_LIMIT} options, each up to ${CUSTOM_FIELD_OPTION_MAX} characters.`;

function CreateFieldForm() {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-field",
    lastResult: lastResult && "status" in lastResult ? lastResult : undefined,
    defaultValue: { type: "TEXT" },
    shouldValidate: "onBlur",
    // Once shown, a message goes as soon as the input is fixed (not on leaving it, which moves the button being clicked).
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createCustomFieldSchema }),
  });
  const label = typeof form.value?.label === "string" ? form.value.label : "";
  const optionErrors = optionsBoxErrors(fields.options.allErrors);
  const optionsHintId = `${fields.options.id}-hint`;
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
            aria-invalid={optionErrors.length ? true : undefined}
            aria-describedby={optionErrors.length ? `${fields.options.errorId} ${optionsHintId}` : optionsHintId}
            rows={3}
            placeholder={"beginner\nintermediate\npro"}
            className={`block w-full rounded-md border bg-white px-3 py-2 text-sm dark:bg-slate-900 ${optionErrors.length ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}
          />
          <p id={optionsHintId} className="text-xs text-slate-500 dark:text-slate-400">
            {OPTIONS_HINT}
          </p>
          {optionErrors.length ? (
            <div id={fields.options.errorId} className="space-y-1 text-sm text-red-600 dark:text-red-400">
              {optionErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
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

type FieldRow = ReturnType<typeof useLoaderData<typeof loader>>["fields"][number];

const SMALL_BUTTON =
  "inline-flex min-h-9 min-w-9 items-center justify-center rounded-md border border-slate-300 px-2 text-sm hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800";

/**
 * Label and (single choice) options of one field. Adding, moving and removing
 * option rows are Conform list buttons: in place with JavaScript, a round trip
 * to the action without it.
 */
function EditFieldForm({ field, reply }: { field: FieldRow; reply: FormReply | undefined }) {
  const navigation = useNavigation();
  const select = field.type === "SELECT";
  const [form, fields] = useForm({
    id: `edit-field-${field.id}`,
    lastResult: reply,
    defaultValue: { id: field.id, label: field.label, options: select ? field.options.map((option) => ({ from: option, name: option })) : undefined },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateCustomFieldSchema }),
  });
  const rows = select ? fields.options.getFieldList() : [];
  const kept = new Set(rows.map((row) => row.getFieldset().from.value).filter((value): value is string => typeof value === "string"));
  const removesSome = select && field.options.some((option) => !kept.has(option));
  const saving = navigation.state === "submitting" && navigation.formData?.get("id") === field.id;
  // Each row shows its name's errors; anything else about the options (a row as a whole, say) goes under the list.
  const optionErrors = select ? optionsBoxErrors(fields.options.allErrors, (name) => /^options\[\d+\]\.name$/.test(name)) : [];
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 flex max-w-2xl flex-col gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      {/* First in the form so Enter saves (rather than pressing a row button); shown last. */}
      <div className="order-last">
        <Button className="min-h-9 px-3 py-1" aria-label={`Save ${field.label}`} pending={saving} pendingText="Saving…">
          Save
        </Button>
      </div>
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="id" value={field.id} />
      <FormError errors={form.errors} />
      <TextField
        label="Label"
        aria-label={`Label of ${field.label}`}
        {...getInputProps(fields.label, { type: "text" })}
        error={fields.label.errors?.[0]}
        hint={
          <>
            Stored as <code className="break-all">{field.key}</code> ({CUSTOM_FIELD_TYPE_LABELS[field.type].toLowerCase()}). The key and type can&apos;t change, so
            filters, imports and saved values keep working.
          </>
        }
      />
      {select ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Options</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Renaming an option renames it on every contact that has it. An option contacts still have can only be removed by clearing it from them.{" "}
            {OPTIONS_HINT}
          </p>
          <ol aria-label={`Options of ${field.label}`} className="space-y-2">
            {rows.map((row, index) => {
              const option = row.getFieldset();
              const name = `option ${index + 1}`;
              return (
                <li key={row.key} className="space-y-1">
                  <div className="flex items-center gap-1">
                    <input {...getInputProps(option.from, { type: "hidden" })} key={option.from.key} />
                    <input
                      {...getInputProps(option.name, { type: "text" })}
                      key={option.name.key}
                      aria-label={`Option ${index + 1} of ${field.label}`}
                      maxLength={60}
                      className={`block w-full min-w-0 flex-1 rounded-md border bg-white px-2 py-1.5 text-sm dark:bg-slate-900 ${option.name.errors ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}
                    />
                    <button
                      {...form.reorder.getButtonProps({ name: fields.options.name, from: index, to: index - 1 })}
                      disabled={index === 0}
                      aria-label={`Move ${name} up`}
                      className={SMALL_BUTTON}
                    >
                      ↑
                    </button>
                    <button
                      {...form.reorder.getButtonProps({ name: fields.options.name, from: index, to: index + 1 })}
                      disabled={index === rows.length - 1}
                      aria-label={`Move ${name} down`}
                      className={SMALL_BUTTON}
                    >
                      ↓
                    </button>
                    <button
                      {...form.remove.getButtonProps({ name: fields.options.name, index })}
                      disabled={rows.length <= 2}
                      aria-label={`Remove ${name}`}
                      className={SMALL_BUTTON}
                    >
                      ✕
                    </button>
                  </div>
                  {option.name.errors?.[0] ? (
                    <p id={option.name.errorId} className="text-sm text-red-600 dark:text-red-400">
                      {option.name.errors[0]}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {optionErrors.length ? (
            <div id={fields.options.errorId} className="space-y-1 text-sm text-red-600 dark:text-red-400">
              {optionErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          ) : null}
          <button
            {...form.insert.getButtonProps({ name: fields.options.name, defaultValue: { from: "", name: "" } })}
            disabled={rows.length >= 50}
            className={`${SMALL_BUTTON} px-3`}
          >
            Add option
          </button>
        </fieldset>
      ) : null}
      {removesSome ? (
        <label className="flex items-start gap-2 text-sm">
          <input {...getInputProps(fields.clearRemoved, { type: "checkbox" })} className="mt-1" />
          <span>{CLEAR_REMOVED_LABEL}</span>
        </label>
      ) : null}
    </Form>
  );
}

export default function CustomFieldSettingsPage() {
  const { fields, manage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as EditReply | FormReply | undefined;
  const editReply = actionData && "fieldId" in actionData ? actionData : undefined;
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
              <li key={field.id} className="py-3">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium [overflow-wrap:anywhere]">{field.label}</p>
                    <p className="break-words text-slate-500">
                      {CUSTOM_FIELD_TYPE_LABELS[field.type]} · <code className="break-all">{field.key}</code>
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
                          <p className="[overflow-wrap:anywhere]">Delete {field.label}? Its value is removed from every contact. This can&apos;t be undone.</p>
                          <Button variant="danger" className="min-h-9 max-w-full px-3 py-1 [overflow-wrap:anywhere]">
                            Delete {field.label}
                          </Button>
                        </Form>
                      </details>
                    </div>
                  ) : null}
                </div>
                {manage ? (
                  // Keyed by what it edits: after a save the form starts again from the saved field, closed.
                  <details key={`${field.label}\u0000${field.options.join("\u0000")}`} open={editReply?.fieldId === field.id || undefined} className="mt-2">
                    <summary className="inline-flex min-h-9 max-w-full cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium [overflow-wrap:anywhere] hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                      Edit {field.label}…
                    </summary>
                    <EditFieldForm field={field} reply={editReply?.fieldId === field.id ? editReply.result : undefined} />
                  </details>
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
