// /settings/templates — the organization's message templates: each with its channel, language,
// category, approval, the variables its body names and a preview with sample values; owners and
// admins add one here and edit or delete it on its own page. Plain forms: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { TemplateFormFields } from "~/components/message-template/template-form-fields";
import { TemplatePreview } from "~/components/message-template/template-preview";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import {
  TEMPLATE_APPROVAL_LABELS,
  TEMPLATE_CATEGORY_LABELS,
  createMessageTemplateSchema,
} from "~/domain/message-template/message-template-fields.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Templates · Settings · Leadlane" }];

const HERE = "/settings/templates";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const templates = await loaderCall(request, () => caller.messageTemplate.list());
  return json({ templates, manage: can(ctx.org?.role, "update:settings:any") });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  if (form.get("intent") !== "create") return json({ message: "Unknown action." }, { status: 400 });
  return submitAndRedirect(form, createMessageTemplateSchema, async (value) => {
    const template = await caller.messageTemplate.create(value);
    return { to: HERE, message: `Template ${template.name} (${CHANNEL_KIND_LABELS[template.channelKind]}, ${template.language}) added.` };
  });
}

const STATUS_CLASSES: Record<keyof typeof TEMPLATE_APPROVAL_LABELS, string> = {
  DRAFT: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  PENDING: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  APPROVED: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  REJECTED: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

function NewTemplateForm() {
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-template",
    lastResult: reply && "status" in reply ? reply : undefined,
    defaultValue: { channelKind: "WHATSAPP", language: "en", category: "UTILITY", approvalStatus: "DRAFT" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createMessageTemplateSchema }),
  });
  return (
    <Card title="New template">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="create" />
        <FormError errors={form.errors} />
        <TemplateFormFields fields={fields} />
        <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} pendingText="Adding…">
          Add template
        </Button>
      </Form>
    </Card>
  );
}

export default function TemplateSettingsPage() {
  const { templates, manage } = useLoaderData<typeof loader>();
  // Another admin's change shows here without a reload.
  useLiveRefresh([useWorkspaceTopics().templates], ["messageTemplate.changed"]);
  return (
    <div className="space-y-6">
      <Card title={`Templates (${templates.length})`}>
        {templates.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No templates yet{manage ? ": add one below." : "."}</p>
        ) : (
          <ul aria-label="Templates" className="divide-y divide-slate-200 dark:divide-slate-800">
            {templates.map((template) => (
              <li key={template.id} className="space-y-3 py-4" aria-label={`${template.name} (${CHANNEL_KIND_LABELS[template.channelKind]}, ${template.language})`}>
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="break-all font-medium">{template.name}</h3>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-slate-800">{CHANNEL_KIND_LABELS[template.channelKind]}</span>
                  <span className="text-xs text-slate-500">
                    {template.language} · {TEMPLATE_CATEGORY_LABELS[template.category]}
                  </span>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASSES[template.approvalStatus]}`}>{TEMPLATE_APPROVAL_LABELS[template.approvalStatus]}</span>
                </div>
                {template.contentSid ? <p className="break-all text-xs text-slate-500">Content SID {template.contentSid}</p> : null}
                <TemplatePreview body={template.body} label={`Preview of ${template.name}`} />
                {manage ? (
                  <Link to={`${HERE}/${template.id}`} className={buttonClass("secondary", "min-h-9 px-3 py-1")} aria-label={`Edit ${template.name} (${template.language})`}>
                    Edit
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {manage ? <NewTemplateForm /> : <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can add, edit or delete templates.</p>}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
