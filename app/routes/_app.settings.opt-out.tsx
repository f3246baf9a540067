// /settings/opt-out — the words that opt a customer out of (or back into) WhatsApp and SMS messages
// when they are the whole message, and what the customer is told when one does. Starts from the
// defaults; owners and admins add and remove words, edit the confirmations, or reset everything.
// Plain forms: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, TextareaField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import {
  CONSENT_KEYWORD_LIST_LABELS,
  MAX_CONFIRMATION_LENGTH,
  addConsentKeywordSchema,
  removeConsentKeywordSchema,
  updateConsentConfirmationsSchema,
  type ConsentKeywordList,
} from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { runAndRedirect, submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Opt-out · Settings · Leadlane" }];

const HERE = "/settings/opt-out";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!can(ctx.org?.role, "update:settings:any")) return json({ settings: null });
  return json({ settings: await loaderCall(request, () => caller.optOutKeyword.get()) });
}

type Reply = FormReply & { intent?: string };

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "add-OPT_OUT":
    case "add-OPT_IN":
      return submitAndRedirect(form, addConsentKeywordSchema, async (value) => {
        const added = await caller.optOutKeyword.add(value);
        return { to: HERE, message: `“${added.word}” added to the ${CONSENT_KEYWORD_LIST_LABELS[added.list]} words.` };
      });
    case "remove":
      return runAndRedirect(HERE, async () => {
        const removed = await caller.optOutKeyword.remove(removeConsentKeywordSchema.parse(Object.fromEntries(form)));
        return `“${removed.word}” removed from the ${CONSENT_KEYWORD_LIST_LABELS[removed.list]} words.`;
      });
    case "confirmations":
      return submitAndRedirect(form, updateConsentConfirmationsSchema, async (value) => {
        await caller.optOutKeyword.updateConfirmations(value);
        return { to: HERE, message: "Confirmations saved." };
      });
    case "reset":
      return runAndRedirect(HERE, async () => {
        await caller.optOutKeyword.reset();
        return "Opt-out words and confirmations are back to the defaults.";
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

function WordList({ list, words }: { list: ConsentKeywordList; words: string[] }) {
  const label = CONSENT_KEYWORD_LIST_LABELS[list];
  const reply = useActionData<typeof action>() as Reply | undefined;
  const navigation = useNavigation();
  const intent = `add-${list}`;
  const submitted = reply && "status" in reply && reply.initialValue?.intent === intent ? reply : undefined;
  const [form, fields] = useForm({
    id: `add-${list}`,
    lastResult: submitted,
    defaultValue: { list },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addConsentKeywordSchema }),
  });
  return (
    <Card title={list === "OPT_OUT" ? `Opt-out words (${words.length})` : `Opt-in words (${words.length})`}>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
        {list === "OPT_OUT"
          ? "A WhatsApp or SMS message that is only one of these (any case, spacing or punctuation) stops messages on that channel and sends the opt-out confirmation once. Inside a longer message the word is pointed out to the agent instead."
          : "A message that is only one of these subscribes the customer again on that channel and sends the opt-in confirmation."}
      </p>
      <ul aria-label={`${label} words`} className="mb-4 flex flex-wrap gap-2">
        {words.map((word) => (
          <li key={word} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-sm dark:bg-slate-800">
            <span lang={/[\u0900-\u097F]/.test(word) ? "hi" : undefined}>{word}</span>
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="list" value={list} />
              <input type="hidden" name="word" value={word} />
              <button
                type="submit"
                aria-label={`Remove ${label} word ${word}`}
                className="inline-flex h-7 w-7 items-center justify-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-red-700 dark:hover:bg-slate-700"
              >
                ×
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)} className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-end">
        <input type="hidden" name="intent" value={intent} />
        <input {...getInputProps(fields.list, { type: "hidden" })} />
        <div className="sm:col-span-2">
          <FormError errors={form.errors} />
        </div>
        <TextField label={`New ${label} word`} {...getInputProps(fields.word, { type: "text" })} error={fields.word.errors?.[0]} autoComplete="off" />
        <Button variant="secondary" pending={navigation.state === "submitting" && navigation.formData?.get("intent") === intent} pendingText="Adding…">
          Add {label} word
        </Button>
      </Form>
    </Card>
  );
}

function ConfirmationsForm({ optOutConfirmation, optInConfirmation }: { optOutConfirmation: string; optInConfirmation: string }) {
  const reply = useActionData<typeof action>() as Reply | undefined;
  const navigation = useNavigation();
  const submitted = reply && "status" in reply && reply.initialValue?.intent === "confirmations" ? reply : undefined;
  const [form, fields] = useForm({
    id: "confirmations",
    lastResult: submitted,
    defaultValue: { optOutConfirmation, optInConfirmation },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateConsentConfirmationsSchema }),
  });
  const area = (field: typeof fields.optOutConfirmation, label: string) => (
    <TextareaField label={label} {...getTextareaProps(field)} rows={3} maxLength={MAX_CONFIRMATION_LENGTH} error={field.errors?.[0]} />
  );
  return (
    <Card title="Confirmations">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="confirmations" />
        <FormError errors={form.errors} />
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Sent once, on the channel the word came in on. The opt-out confirmation is the only message that still goes after a customer opts out.
        </p>
        {area(fields.optOutConfirmation, "When a customer opts out")}
        {area(fields.optInConfirmation, "When a customer opts back in")}
        <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "confirmations"} pendingText="Saving…">
          Save confirmations
        </Button>
      </Form>
    </Card>
  );
}

export default function OptOutSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  // Another admin's change to the words shows here without a reload.
  useLiveRefresh([useWorkspaceTopics().consentKeywords], ["consentKeywords.changed"]);
  if (!settings) return <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can see and change the opt-out words.</p>;
  return (
    <div className="space-y-6">
      <WordList list="OPT_OUT" words={settings.optOut} />
      <WordList list="OPT_IN" words={settings.optIn} />
      <ConfirmationsForm optOutConfirmation={settings.optOutConfirmation} optInConfirmation={settings.optInConfirmation} />
      <Card title="Defaults">
        <Form method="post" className="space-y-2 text-sm">
          <input type="hidden" name="intent" value="reset" />
          <p>{settings.customized ? "This organization has its own words or confirmations." : "This organization uses the default words and confirmations."}</p>
          <Button variant="secondary" disabled={!settings.customized}>
            Reset to the defaults
          </Button>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
