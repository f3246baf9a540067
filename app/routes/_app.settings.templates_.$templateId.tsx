// /settings/templates/:templateId — editing a message template, with the preview, or deleting it
// (messages sent from it keep their text). Owners and admins. Plain forms: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { TemplateFormFields } from "~/components/message-template/template-form-fields";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { messageTemplateIdSchema, updateMessageTemplateSchema } from "~/domain/message-template/message-template-fields.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { runAndRedirect, submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.template.name} · Templates · Leadlane` : "Template · Leadlane" }];

const LIST = "/settings/templates";

function templateIdOr404(value: string | undefined): string {
  const parsed = messageTemplateIdSchema.safeParse({ id: value });
  if (!parsed.success) throw json({ message: "Template not found." }, { status: 404 });
  return parsed.data.id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = templateIdOr404(params.templateId);
  const { caller, ctx } = await getCaller(request);
  if (!can(ctx.org?.role, "update:settings:any")) throw json({ message: "Only owners and admins can edit templates." }, { status: 403 });
  const template = await loaderCall(request, () => caller.messageTemplate.get({ id }));
  return json({ template });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = templateIdOr404(params.templateId);
  const form = await request.formData();
  // The template comes from the address, whatever the form says.
  form.set("id", id);
  const { caller } = await getCaller(request);
  switch (form.get("intent")) {
    case "update":
      return submitAndRedirect(form, updateMessageTemplateSchema, async (value) => {
        const template = await caller.messageTemplate.update(value);
        return { to: LIST, message: `Template ${template.name} saved.` };
      });
    case "delete":
      return runAndRedirect(LIST, async () => `Template ${(await caller.messageTemplate.delete({ id })).name} deleted.`, { failTo: `${LIST}/${id}` });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

export default function EditTemplatePage() {
  const { template } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "edit-template",
    lastResult: reply && "status" in reply ? reply : undefined,
    defaultValue: {
      name: template.name,
      channelKind: template.channelKind,
      language: template.language,
      category: template.category,
      approvalStatus: template.approvalStatus,
      contentSid: template.contentSid ?? "",
      body: template.body,
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateMessageTemplateSchema }),
  });
  return (
    <div className="space-y-6">
      <p>
        <Link to={LIST} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
          ← All templates
        </Link>
      </p>
      <Card title={`Edit ${template.name} (${CHANNEL_KIND_LABELS[template.channelKind]}, ${template.language})`}>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="id" value={template.id} />
          <FormError errors={form.errors} />
          <TemplateFormFields fields={fields} />
          <div className="flex flex-wrap gap-2">
            <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "update"} pendingText="Saving…">
              Save template
            </Button>
            <Link to={LIST} className={buttonClass("secondary")}>
              Cancel
            </Link>
          </div>
        </Form>
      </Card>
      <Card title="Delete">
        <Form method="post" className="space-y-2 text-sm">
          <input type="hidden" name="intent" value="delete" />
          <p>Messages already sent from {template.name} keep their text; they no longer name the template.</p>
          <Button variant="danger" className="min-h-9 px-3 py-1">
            Delete {template.name}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
