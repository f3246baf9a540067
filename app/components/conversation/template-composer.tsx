// Sending an approved template: choose it (a GET form, so it works without JavaScript), fill one field
// per variable (prefilled from the contact), see the text it will send. With JavaScript the preview
// follows the typing; without, "Preview" posts and the page comes back with it. "Send template"
// posts intent "sendTemplate"; a refusal (a missing variable) comes back beside it.
import { useState } from "react";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import type { ChatReply, ChatTemplate, ChatView } from "~/components/conversation/chat-types";
import { optedOut } from "~/components/conversation/chat-notices";
import { Button } from "~/components/ui/button";
import { renderTemplate } from "~/domain/conversation/message-template";
import { contactTemplateValues } from "~/domain/conversation/window-time-left";
import { useHydrated } from "~/components/contacts/use-hydrated";

const INPUT = "mt-1 block w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

function TemplateFields({ view, template, reply }: { view: ChatView; template: ChatTemplate; reply: ChatReply | undefined }) {
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const previewed = reply?.template?.id === template.id ? reply.template : undefined;
  const prefill = contactTemplateValues(view.contact);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(template.variables.map((name) => [name, previewed?.values[name] ?? prefill[name] ?? ""])),
  );
  const live = renderTemplate(template.body, values);
  const preview = hydrated ? (live.ok ? { text: live.text, missing: [] } : { text: null, missing: live.missing }) : previewed;
  const refusal = reply?.intent === "sendTemplate" ? reply.formError : undefined;
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "sendTemplate";
  const blocked = optedOut(view) || !view.channel.enabled || !view.canWork;
  return (
    <Form method="post" replace preventScrollReset className="space-y-2" aria-label={`Template ${template.name}`}>
      <input type="hidden" name="templateId" value={template.id} />
      {refusal ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="template-refusal">
          {refusal}
        </p>
      ) : null}
      {template.variables.length ? (
        <div className="grid gap-2 sm:grid-cols-2">
          {template.variables.map((name) => (
            <label key={name} className="min-w-0 text-sm">
              <span className="block font-medium">{`{{${name}}}`}</span>
              <input
                name={`variables.${name}`}
                value={values[name] ?? ""}
                maxLength={1000}
                onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
                className={INPUT}
              />
            </label>
          ))}
        </div>
      ) : null}
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800" aria-live="polite" data-testid="template-preview">
        <p className="text-xs font-medium text-slate-500">Preview</p>
        {preview ? (
          preview.text !== null ? (
            <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{preview.text}</p>
          ) : (
            <p className="text-amber-800 dark:text-amber-200">Needs a value for {preview.missing.map((name) => `{{${name}}}`).join(", ")}.</p>
          )
        ) : (
          <p className="whitespace-pre-wrap text-slate-500 [overflow-wrap:anywhere]">{template.body}</p>
        )}
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        {hydrated ? null : (
          <Button variant="secondary" name="intent" value="previewTemplate" className="min-h-9 px-3 py-1">
            Preview
          </Button>
        )}
        <Button name="intent" value="sendTemplate" disabled={blocked} pending={sending} pendingText="Sending…">
          Send template
        </Button>
      </div>
    </Form>
  );
}

export function TemplateComposer({
  view,
  templates,
  selectedId,
  reply,
}: {
  view: ChatView;
  templates: ChatTemplate[];
  selectedId: string | null;
  reply: ChatReply | undefined;
}) {
  const submit = useSubmit();
  const hydrated = useHydrated();
  const chosenId = reply?.template?.id ?? selectedId;
  const chosen = templates.find((template) => template.id === chosenId) ?? null;
  if (templates.length === 0) {
    return <p className="text-sm text-slate-500">No approved templates for this channel yet.</p>;
  }
  return (
    <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800" open={chosen ? true : undefined}>
      <summary className="cursor-pointer text-sm font-medium">Send a template</summary>
      <div className="mt-2 space-y-3">
        <Form method="get" replace preventScrollReset className="flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1 text-sm">
            <span className="block font-medium">Template</span>
            <select
              name="template"
              defaultValue={chosen?.id ?? ""}
              className={INPUT}
              onChange={(event) => {
                if (hydrated) submit(event.currentTarget.form, { replace: true, preventScrollReset: true });
              }}
            >
              <option value="">Choose a template…</option>
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name} ({template.language})
                </option>
              ))}
            </select>
          </label>
          {hydrated ? null : (
            <Button variant="secondary" className="min-h-9 px-3 py-1">
              Choose
            </Button>
          )}
        </Form>
        {chosen ? <TemplateFields key={chosen.id} view={view} template={chosen} reply={reply} /> : null}
      </div>
    </details>
  );
}
