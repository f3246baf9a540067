import { countOf } from "~/utils/format";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { TagChip } from "~/components/contact/tag-chip";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { createTagSchema } from "~/trpc/routers/tag/create.schema";
import { updateTagSchema } from "~/trpc/routers/tag/update.schema";
import { deleteTagSchema } from "~/trpc/routers/tag/delete.schema";
import { TAG_COLOR_LABELS, TAG_COLORS } from "~/domain/tag/tag-colors";
import { submitAndRedirect, type FormReply, runAndRedirect } from "~/web/form-action.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Tags · Settings · Leadlane" }];

const COLOR_OPTIONS = TAG_COLORS.map((value) => ({ value, label: TAG_COLOR_LABELS[value] }));

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const tags = await loaderCall(request, () => caller.tag.list());
  return json({ tags, manage: can(ctx.org?.role, "update:settings:any") });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const here = "/settings/tags";
  switch (form.get("intent")) {
    case "create":
      return submitAndRedirect(form, createTagSchema, async (value) => {
        const tag = await caller.tag.create(value);
        return { to: here, message: `Tag ${tag.name} created.` };
      });
    case "update":
      return runAndRedirect(here, async () => {
        const tag = await caller.tag.update(updateTagSchema.parse(Object.fromEntries(form)));
        return tag.previousName === tag.name ? `Tag ${tag.name} saved.` : `Tag ${tag.previousName} renamed to ${tag.name}.`;
      });
    case "delete":
      return runAndRedirect(here, async () => {
        const result = await caller.tag.delete(deleteTagSchema.parse(Object.fromEntries(form)));
        return `Tag ${result.name} deleted${result.removedFrom ? ` and removed from ${countOf(result.removedFrom, "contact")}` : ""}.`;
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

function CreateTagForm() {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-tag",
    lastResult: lastResult && "status" in lastResult ? lastResult : undefined,
    defaultValue: { color: "slate" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTagSchema }),
  });
  return (
    <Card title="New tag">
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <input type="hidden" name="intent" value="create" />
        <div className="sm:col-span-3">
          <FormError errors={form.errors} />
        </div>
        <TextField label="Tag name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
        <SelectField label="Color" {...getSelectProps(fields.color)} options={COLOR_OPTIONS} error={fields.color.errors?.[0]} />
        <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} pendingText="Creating…">
          Create tag
        </Button>
      </Form>
    </Card>
  );
}

export default function TagSettingsPage() {
  const { tags, manage } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      {manage ? <CreateTagForm /> : <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can change tags.</p>}
      <Card title={`Tags (${tags.length})`}>
        {tags.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No tags yet.</p>
        ) : (
          <ul aria-label="Tags" className="divide-y divide-slate-200 dark:divide-slate-800">
            {tags.map((tag) => (
              <li key={tag.id} className="space-y-2 py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <TagChip name={tag.name} color={tag.color} />
                  <span className="text-sm text-slate-500">
                    {tag.contactCount.toLocaleString("en-IN")} contact{tag.contactCount === 1 ? "" : "s"}
                  </span>
                </div>
                {manage ? (
                  <div className="flex flex-wrap items-end gap-2">
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="id" value={tag.id} />
                      <label className="text-sm">
                        <span className="sr-only">Name of {tag.name}</span>
                        <input
                          name="name"
                          defaultValue={tag.name}
                          aria-label={`Name of ${tag.name}`}
                          maxLength={60}
                          className="w-40 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
                        />
                      </label>
                      <label className="text-sm">
                        <span className="sr-only">Color of {tag.name}</span>
                        <select
                          name="color"
                          defaultValue={tag.color}
                          aria-label={`Color of ${tag.name}`}
                          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
                        >
                          {COLOR_OPTIONS.map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label}
                            </option>
                          ))}
                        </select>
                      </label>
                      <Button variant="secondary" className="min-h-9 px-3 py-1" aria-label={`Save ${tag.name}`}>
                        Save
                      </Button>
                    </Form>
                    <details>
                      <summary className="inline-flex min-h-9 cursor-pointer list-none items-center rounded-md px-3 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
                        Delete…
                      </summary>
                      <Form method="post" className="mt-2 space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={tag.id} />
                        <p>
                          Delete {tag.name}? It is removed from {tag.contactCount.toLocaleString("en-IN")} contact
                          {tag.contactCount === 1 ? "" : "s"}.
                        </p>
                        <Button variant="danger" className="min-h-9 px-3 py-1">
                          Delete {tag.name}
                        </Button>
                      </Form>
                    </details>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
