import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { useAppData } from "~/components/use-app-data";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import {
  AFTER_SUBMIT_CHOICES,
  BACK_TO_PAGE_MARKER,
  PAGE_FIELD,
  createWebFormSchema,
  setAfterSubmitSchema,
  setWebFormEnabledSchema,
  webFormIdSchema,
  type AfterSubmit,
} from "~/trpc/routers/web-form/create.schema";
import { setAllowedOriginsSchema } from "~/trpc/routers/web-form/set-allowed-origins.schema";
import { runAndRedirect, submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction = () => [{ title: "Web forms · Settings · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!can(ctx.org?.role, "update:settings:any")) return json({ forms: null });
  return json({ forms: await loaderCall(request, () => caller.webForm.list()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { caller } = await getCaller(request);
  const fields = Object.fromEntries(formData);
  const here = new URL(request.url).pathname;
  switch (formData.get("intent")) {
    case "create":
      return submitAndRedirect(formData, createWebFormSchema, async (value) => {
        const form = await caller.webForm.create(value);
        return { to: here, message: `Form "${form.name}" created. Paste its snippet into your website.` };
      });
    case "setAllowedOrigins":
      return submitAndRedirect(formData, setAllowedOriginsSchema, async (value) => {
        const result = await caller.webForm.setAllowedOrigins(value);
        return {
          to: here,
          message: result.allowedOrigins.length
            ? `Saved: only ${result.allowedOrigins.join(", ")} may post to this form.`
            : "Saved: any website may post to this form.",
        };
      });
    case "setAfterSubmit":
      return submitAndRedirect(formData, setAfterSubmitSchema, async (value) => {
        const result = await caller.webForm.setAfterSubmit(value);
        return { to: here, message: `Saved: after sending the form, visitors ${afterSubmitSentence(result)}.` };
      });
    case "setEnabled":
      return runAndRedirect(here, async () => {
        const result = await caller.webForm.setEnabled(setWebFormEnabledSchema.parse(fields));
        return result.enabled ? "Form switched on." : "Form switched off: its endpoint now answers 404.";
      });
    case "regenerateKey":
      return runAndRedirect(here, async () => {
        await caller.webForm.regenerateKey(webFormIdSchema.parse(fields));
        return "New key made. Update the form on your website: the old address no longer works.";
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

/** The action's reply when it belongs to the form submitted with `intent` (and `id`), for that form's fields. */
function replyFor(actionData: unknown, intent: string, id?: string): FormReply | undefined {
  const reply = actionData as FormReply | undefined;
  const submitted = reply?.initialValue as Record<string, unknown> | null | undefined;
  if (!submitted || submitted.intent !== intent) return undefined;
  if (id !== undefined && submitted.id !== id) return undefined;
  return reply;
}

const TEXTAREA_CLASS =
  "block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100";

function OriginsTextarea({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  const error = field.errors?.[0];
  return (
    <div className="space-y-1">
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <textarea
        {...getTextareaProps(field)}
        rows={3}
        placeholder={"https://www.example.in\nhttps://shop.example.in"}
        aria-describedby={error ? `${field.id}-error` : `${field.id}-hint`}
        className={`${TEXTAREA_CLASS} ${error ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}
      />
      {error ? (
        <p id={`${field.id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : (
        <p id={`${field.id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          One per line, like https://www.example.in. Pages on other websites are refused. Leave empty to accept posts
          from any website.
        </p>
      )}
    </div>
  );
}

const MARKER = `?${BACK_TO_PAGE_MARKER.name}=${BACK_TO_PAGE_MARKER.value}`;

/** The choices as a visitor's experience, for the radio buttons. */
const AFTER_SUBMIT_OPTIONS: Record<AfterSubmit, { label: string; hint: (organizationName: string) => string }> = {
  THANK_YOU_PAGE: {
    label: "Show a thank-you page",
    hint: (organizationName) => `A small page saying ${organizationName} has their details, with a link back to your website.`,
  },
  BACK_TO_PAGE: {
    label: "Go back to the page with the form",
    hint: () =>
      `Adds ${MARKER} to the page's address, so the page can thank them itself. Browsers tell us only your website, not the page: put <input type="hidden" name="${PAGE_FIELD}" value="https://your-site/the-page"> in the form (or <meta name="referrer" content="no-referrer-when-downgrade"> in the page), or visitors land on your home page. When we can't tell where they came from, they see the thank-you page.`,
  },
  REDIRECT: {
    label: "Go to an address of your choice",
    hint: () => "An https:// address, or a path on the site that holds the form; ?submitted=1 is added. Mistakes go back to the form's page with ?error= and ?field=.",
  },
};

/** "go back to the page that posted (?leadlane=thanks)": what a form's choice does, for the list and the toast. */
function afterSubmitSentence(form: { afterSubmit: AfterSubmit; redirectUrl: string | null }): string {
  switch (form.afterSubmit) {
    case "THANK_YOU_PAGE":
      return "see a thank-you page";
    case "BACK_TO_PAGE":
      return `go back to the page that posted it (${MARKER})`;
    case "REDIRECT":
      return `go to ${form.redirectUrl ?? "the redirect address"}`;
  }
}

function AfterSubmitFieldset({
  afterSubmit,
  redirectUrl,
  organizationName,
}: {
  afterSubmit: FieldMetadata<unknown>;
  redirectUrl: FieldMetadata<unknown>;
  organizationName: string;
}) {
  const error = afterSubmit.errors?.[0];
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${afterSubmit.id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-200">After a visitor sends the form from their browser</legend>
      {getCollectionProps(afterSubmit, { type: "radio", options: [...AFTER_SUBMIT_CHOICES] }).map(({ key, ...radio }) => {
        const option = AFTER_SUBMIT_OPTIONS[radio.value as AfterSubmit];
        return (
          <div key={key} className="flex items-start gap-3 text-sm">
            <input {...radio} aria-describedby={`${radio.id}-hint`} className="mt-1" />
            <div className="min-w-0">
              <label htmlFor={radio.id} className="font-medium">
                {option.label}
              </label>
              <p id={`${radio.id}-hint`} className="break-words text-xs text-slate-500 dark:text-slate-400">
                {option.hint(organizationName)}
              </p>
            </div>
          </div>
        );
      })}
      {error ? (
        <p id={`${afterSubmit.id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <TextField
        label="Address to go to"
        {...getInputProps(redirectUrl, { type: "text" })}
        placeholder="https://example.com/thank-you or /thank-you"
        error={redirectUrl.errors?.[0]}
      />
      <p className="text-xs text-slate-500 dark:text-slate-400">Scripts posting JSON always get the JSON answer.</p>
    </fieldset>
  );
}

function AfterSubmitForm({ form, organizationName }: { form: { id: string; name: string; afterSubmit: AfterSubmit; redirectUrl: string | null }; organizationName: string }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lastResult = navigation.state === "idle" ? replyFor(actionData, "setAfterSubmit", form.id) : undefined;
  const [conform, fields] = useForm({
    id: `after-submit-${form.id}`,
    lastResult,
    defaultValue: { afterSubmit: form.afterSubmit, redirectUrl: form.redirectUrl ?? "" },
    shouldValidate: "onBlur",
    // A corrected error clears while typing: cleared on blur, it would shift the button away from the tap that blurred.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setAfterSubmitSchema }),
  });
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "setAfterSubmit" && navigation.formData?.get("id") === form.id;
  return (
    <details className="mt-4" open={lastResult?.status === "error" || undefined}>
      <summary className="cursor-pointer text-sm font-medium">Change what visitors see after sending</summary>
      <Form method="post" {...getFormProps(conform)} aria-label={`After sending ${form.name}`} className="mt-2 space-y-3">
        <input type="hidden" name="intent" value="setAfterSubmit" />
        <input type="hidden" name="id" value={form.id} />
        <FormError errors={conform.errors} />
        <AfterSubmitFieldset afterSubmit={fields.afterSubmit} redirectUrl={fields.redirectUrl} organizationName={organizationName} />
        <Button variant="secondary" pending={submitting} pendingText="Saving…">
          Save
        </Button>
      </Form>
    </details>
  );
}

/** The HTML a customer pastes into their website. The hidden "website" field is the honeypot. */
function formSnippet(endpoint: string): string {
  return `<form action="${endpoint}" method="post">
  <label>Name <input name="name" autocomplete="name"></label>
  <label>Phone <input name="phone" type="tel" autocomplete="tel" required></label>
  <label>Email <input name="email" type="email" autocomplete="email"></label>
  <label>Message <textarea name="message"></textarea></label>
  <!-- Leave this hidden field empty: it catches spam bots. -->
  <div style="position:absolute;left:-10000px" aria-hidden="true">
    <input name="website" tabindex="-1" autocomplete="off">
  </div>
  <!-- This page's address, so "go back to the page" returns here. -->
  <input type="hidden" name="${PAGE_FIELD}" value="https://www.example.in/this-page">
  <button type="submit">Send</button>
</form>`;
}

/** The same post from a page's script, reading the JSON answer. */
function fetchSnippet(endpoint: string): string {
  return `const response = await fetch("${endpoint}", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ name, phone, email, message }),
});
const answer = await response.json();
// { ok: true }, or { ok: false, error, fieldErrors } with status 400, 404 or 429`;
}

function AllowedOriginsForm({ form }: { form: { id: string; name: string; allowedOrigins: string[] } }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lastResult = navigation.state === "idle" ? replyFor(actionData, "setAllowedOrigins", form.id) : undefined;
  const [conform, fields] = useForm({
    id: `allowed-origins-${form.id}`,
    lastResult,
    defaultValue: { allowedOrigins: form.allowedOrigins.join("\n") },
    shouldValidate: "onBlur",
    // A corrected error clears while typing: cleared on blur, it would shift the button away from the tap that blurred.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setAllowedOriginsSchema }),
  });
  const submitting =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "setAllowedOrigins" &&
    navigation.formData?.get("id") === form.id;
  return (
    <details className="mt-4" open={lastResult?.status === "error" || undefined}>
      <summary className="cursor-pointer text-sm font-medium">Change which websites may post</summary>
      <Form method="post" {...getFormProps(conform)} className="mt-2 space-y-3">
        <input type="hidden" name="intent" value="setAllowedOrigins" />
        <input type="hidden" name="id" value={form.id} />
        <FormError errors={conform.errors} />
        <OriginsTextarea field={fields.allowedOrigins} label={`Websites allowed to post to ${form.name}`} />
        <Button variant="secondary" pending={submitting} pendingText="Saving…">
          Save websites
        </Button>
      </Form>
    </details>
  );
}

function CreateForm({ organizationName }: { organizationName: string }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-web-form",
    lastResult: navigation.state === "idle" ? replyFor(actionData, "create") : undefined,
    defaultValue: { afterSubmit: "THANK_YOU_PAGE" },
    shouldValidate: "onBlur",
    // A corrected error clears while typing: cleared on blur, it would shift the button away from the tap that blurred.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createWebFormSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  return (
    <Card title="New web form">
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
        <input type="hidden" name="intent" value="create" />
        <div className="sm:col-span-2">
          <FormError errors={form.errors} />
        </div>
        <TextField label="Form name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
        <TextField
          label="Tags to add (optional)"
          {...getInputProps(fields.tags, { type: "text" })}
          placeholder="webinar-lead, trial"
          hint="Comma-separated; added to every contact who submits."
          error={fields.tags.errors?.[0]}
        />
        <div className="sm:col-span-2">
          <AfterSubmitFieldset afterSubmit={fields.afterSubmit} redirectUrl={fields.redirectUrl} organizationName={organizationName} />
        </div>
        <div className="sm:col-span-2">
          <OriginsTextarea field={fields.allowedOrigins} label="Websites allowed to post (optional)" />
        </div>
        <div>
          <Button pending={submitting} pendingText="Creating…">
            Create form
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function WebFormsSettings() {
  const timeZone = useTimeZone();
  const { forms } = useLoaderData<typeof loader>();
  const { organization } = useAppData();
  const organizationName = organization?.name ?? "Your organization";
  if (!forms || !can(organization?.role, "update:settings:any")) {
    return (
      <Card title="Web forms">
        <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can manage web forms.</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      <CreateForm organizationName={organizationName} />
      {forms.length === 0 ? (
        <Card title="Your forms">
          <p className="text-sm text-slate-600 dark:text-slate-300">
            No forms yet. A form gives you an address to post website leads to; each submission creates or updates a
            contact with source Website.
          </p>
        </Card>
      ) : (
        <ul className="space-y-6" aria-label="Web forms">
          {forms.map((form) => (
            <li key={form.id}>
              <Card
                title={
                  <span className="flex flex-wrap items-center gap-2">
                    {form.name}
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs font-semibold ${
                        form.enabled
                          ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100"
                          : "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-200"
                      }`}
                    >
                      {form.enabled ? "On" : "Off"}
                    </span>
                  </span>
                }
                actions={
                  <div className="flex flex-wrap gap-2">
                    <Form method="post">
                      <input type="hidden" name="intent" value="setEnabled" />
                      <input type="hidden" name="id" value={form.id} />
                      <input type="hidden" name="enabled" value={form.enabled ? "false" : "true"} />
                      <Button variant="secondary" className="min-h-8 px-3 py-1" aria-label={`${form.enabled ? "Switch off" : "Switch on"} ${form.name}`}>
                        {form.enabled ? "Switch off" : "Switch on"}
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="regenerateKey" />
                      <input type="hidden" name="id" value={form.id} />
                      <Button variant="ghost" className="min-h-8 px-3 py-1" aria-label={`New key for ${form.name}`}>
                        New key
                      </Button>
                    </Form>
                  </div>
                }
              >
                <dl className="grid gap-3 text-sm sm:grid-cols-2">
                  <div>
                    <dt className="text-slate-500">Form key</dt>
                    <dd className="break-all font-mono text-xs" data-testid="form-key">
                      {form.key}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Submissions</dt>
                    <dd>{form.submissionCount.toLocaleString("en-IN")}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Tags added</dt>
                    <dd>{form.tagNames.length ? form.tagNames.join(", ") : "None"}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">After submitting</dt>
                    <dd className="break-words" data-testid="after-submit">
                      Visitors {afterSubmitSentence(form)}
                    </dd>
                  </div>
                  <div className="sm:col-span-2">
                    <dt className="text-slate-500">Websites allowed to post</dt>
                    <dd className="break-all" data-testid="allowed-origins">
                      {form.allowedOrigins.length ? form.allowedOrigins.join(", ") : "Any website"}
                    </dd>
                  </div>
                  <div className="sm:col-span-2">
                    <dt className="text-slate-500">
                      <label htmlFor={`endpoint-${form.id}`}>Endpoint (POST)</label>
                    </dt>
                    <dd>
                      <input
                        id={`endpoint-${form.id}`}
                        readOnly
                        value={form.endpoint}
                        className="mt-1 w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
                      />
                    </dd>
                  </div>
                </dl>
                <details className="mt-4">
                  <summary className="cursor-pointer text-sm font-medium">HTML snippet for your website</summary>
                  <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
                    Fields: name, phone (required), email, message; any other field is kept with the submission, and a
                    field named after a custom field&apos;s key fills that field. Keep the hidden &ldquo;website&rdquo;
                    field empty: posts that fill it are treated as spam and dropped. At most 10 posts a minute per
                    visitor.
                  </p>
                  <label htmlFor={`snippet-${form.id}`} className="sr-only">
                    HTML snippet for {form.name}
                  </label>
                  <textarea
                    id={`snippet-${form.id}`}
                    readOnly
                    rows={12}
                    value={formSnippet(form.endpoint)}
                    className="mt-2 w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
                  />
                  <label htmlFor={`fetch-snippet-${form.id}`} className="mt-3 block text-sm text-slate-600 dark:text-slate-300">
                    Or post from your page&apos;s script and read the JSON answer (works from any website unless you list
                    the allowed ones below):
                  </label>
                  <textarea
                    id={`fetch-snippet-${form.id}`}
                    readOnly
                    rows={8}
                    value={fetchSnippet(form.endpoint)}
                    className="mt-2 w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
                  />
                </details>
                <AfterSubmitForm form={form} organizationName={organizationName} />
                <AllowedOriginsForm form={form} />
                {form.recentSubmissions.length ? (
                  <div className="mt-4">
                    <h3 className="text-sm font-medium">Latest submissions</h3>
                    <ul className="mt-1 divide-y divide-slate-200 text-sm dark:divide-slate-800">
                      {form.recentSubmissions.map((submission) => (
                        <li key={submission.id} className="flex flex-wrap justify-between gap-2 py-1.5">
                          {submission.contactId ? (
                            <Link to={`/contacts/${submission.contactId}`} className="underline">
                              {submission.contactName ?? "Contact"}
                            </Link>
                          ) : (
                            <span>{submission.contactName ?? "Deleted contact"}</span>
                          )}
                          <span className="text-slate-500">{formatDateTime(submission.createdAt, timeZone)}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
