import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, TextareaField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { createQuickReplySchema, updateQuickReplySchema, deleteQuickReplySchema, QUICK_REPLY_BODY_MAX } from "~/domain/quick-reply/quick-reply.schema";
import { runAndRedirect, submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { roleAtLeast } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Quick replies · Settings · Leadlane" }];

const HERE = "/settings/quick-replies";
export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const replies = await loaderCall(request, () => caller.quickReply.list());
  return json({ replies, manage: ctx.org ? roleAtLeast(ctx.org.role, "MANAGER") : false });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  switch (form.get("intent")) {
    case "create":
      return submitAndRedirect(form, createQuickReplySchema, async (value) => {
        const reply = await caller.quickReply.create(value);
        return { to: HERE, message: `Quick reply /${reply.shortcut} added.` };
      });
    case "update":
      return submitAndRedirect(form, updateQuickReplySchema, async (value) => {
        const reply = await caller.quickReply.update(value);
        return { to: HERE, message: `Quick reply /${reply.shortcut} saved.` };
      });
    case "delete":
      return runAndRedirect(HERE, async () => {
        const reply = await caller.quickReply.delete(deleteQuickReplySchema.parse(Object.fromEntries(form)));
        return `Quick reply /${reply.shortcut} deleted.`;
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

type Reply = { id: string; shortcut: string; title: string; body: string };

function QuickReplyForm({ reply }: { reply?: Reply }) {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const intent = reply ? "update" : "create";
  const formId = reply ? `quick-reply-${reply.id}` : "new-quick-reply";
  // A refused post belongs to the form it came from (the id travels with it).
  const mine = lastResult && "status" in lastResult && (reply ? lastResult.initialValue?.id === reply.id : !lastResult.initialValue?.id) ? lastResult : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult: mine,
    defaultValue: reply ?? undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reply ? updateQuickReplySchema : createQuickReplySchema }),
  });
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === intent && navigation.formData?.get("id") === (reply?.id ?? null);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value={intent} />
      {reply ? <input type="hidden" name="id" value={reply.id} /> : null}
      <FormError errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <TextField label="Shortcut" hint="Typed after / in the chat, such as price" {...getInputProps(fields.shortcut, { type: "text" })} error={fields.shortcut.errors?.[0]} />
        <TextField label="Title" {...getInputProps(fields.title, { type: "text" })} error={fields.title.errors?.[0]} />
      </div>
      <TextareaField label="Reply text" {...getTextareaProps(fields.body)} rows={3} maxLength={QUICK_REPLY_BODY_MAX} error={fields.body.errors?.[0]} />
      <Button pending={pending} pendingText="Saving…">
        {reply ? `Save /${reply.shortcut}` : "Add quick reply"}
      </Button>
    </Form>
  );
}

export default function QuickReplySettingsPage() {
  const { replies, manage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  // Without JavaScript a refused edit comes back with the page: open its form so the errors show.
  const refusedId = lastResult && "status" in lastResult ? lastResult.initialValue?.id : undefined;
  return (
    <div className="space-y-6">
      {manage ? (
        <Card title="New quick reply">
          <QuickReplyForm />
        </Card>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">Only owners, admins and managers can change quick replies. Type / in a chat to use them.</p>
      )}
      <Card title={`Quick replies (${replies.length})`}>
        {replies.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No quick replies yet.</p>
        ) : (
          <ul aria-label="Quick replies" className="divide-y divide-slate-200 dark:divide-slate-800">
            {replies.map((reply) => (
              <li key={reply.id} className="space-y-2 py-3">
                <p className="text-sm">
                  <span className="font-mono font-semibold">/{reply.shortcut}</span> · {reply.title}
                </p>
                <p className="whitespace-pre-wrap text-sm text-slate-600 dark:text-slate-300 [overflow-wrap:anywhere]">{reply.body}</p>
                {manage ? (
                  <div className="flex flex-wrap gap-2">
                    <details className="w-full" open={refusedId === reply.id ? true : undefined}>
                      <summary className="inline-flex min-h-9 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-700">
                        Edit /{reply.shortcut}
                      </summary>
                      <div className="mt-3">
                        <QuickReplyForm reply={reply} />
                      </div>
                    </details>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={reply.id} />
                      <Button variant="danger" className="min-h-9 px-3 py-1">
                        Delete /{reply.shortcut}
                      </Button>
                    </Form>
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
