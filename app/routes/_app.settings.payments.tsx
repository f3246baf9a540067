// /settings/payments — the organization's payment account: the sandbox, or Razorpay with its own keys.
// Shows the mode, the key id, which secrets are saved (never their values), the webhook URL and events
// to enter in Razorpay's Dashboard; connects Razorpay (its keys checked with Razorpay first), rotates the
// webhook secret, goes back to the sandbox, and sets the refund option. Owners and admins only. Plain
// forms: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { formatUntil, PaymentAccountSummary } from "~/components/payment-account/payment-account-summary";
import { RazorpayWebhookSetup } from "~/components/payment-account/razorpay-webhook-setup";
import {
  connectRazorpaySchema,
  PAYMENT_ACCOUNT_MODE_LABELS,
  PAYMENT_ACCOUNT_SECRET_FIELDS,
  PREVIOUS_WEBHOOK_SECRET_HOURS,
  razorpayWebhookUrl,
  rotateWebhookSecretSchema,
  setChurnOnFullRefundSchema,
  WEBHOOK_SECRET_MAX,
} from "~/domain/payment/payment-account.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { parseForm, redirectAfter, runAndRedirect, submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { publicBaseUrl } from "~/web/public-base-url.server";
import { can } from "~/utils/permissions";
import { DEFAULT_TIME_ZONE } from "~/utils/clock";

export const meta: MetaFunction = () => [{ title: "Payments · Settings · Leadlane" }];

const HERE = "/settings/payments";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!can(ctx.org?.role, "read:paymentAccount:any")) return json({ account: null, webhookUrl: null, timeZone: DEFAULT_TIME_ZONE });
  const account = await loaderCall(request, () => caller.paymentAccount.get());
  return json({ account, webhookUrl: razorpayWebhookUrl(publicBaseUrl(request), account.id), timeZone: ctx.org!.timeZone });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller, ctx } = await getCaller(request);
  const timeZone = ctx.org?.timeZone ?? DEFAULT_TIME_ZONE;
  switch (form.get("intent")) {
    case "connect":
      return redirectAfter(parseForm(form, connectRazorpaySchema, { secretFields: PAYMENT_ACCOUNT_SECRET_FIELDS }), async (value) => {
        const account = await caller.paymentAccount.connect(value);
        const checked = value.skipKeyCheck ? " (the keys were not checked with Razorpay)" : "";
        return { to: HERE, message: `Razorpay connected: ${PAYMENT_ACCOUNT_MODE_LABELS[account.mode]}, key ${account.keyId}${checked}.` };
      });
    case "rotate":
      return redirectAfter(parseForm(form, rotateWebhookSecretSchema, { secretFields: PAYMENT_ACCOUNT_SECRET_FIELDS }), async (value) => {
        const account = await caller.paymentAccount.rotateWebhookSecret(value);
        const until = account.previousSecretUntil ? ` The previous one is accepted until ${formatUntil(account.previousSecretUntil, timeZone)}.` : "";
        return { to: HERE, message: `New webhook secret saved.${until}` };
      });
    case "useSandbox":
      return runAndRedirect(HERE, async () => {
        const { changed } = await caller.paymentAccount.useSandbox();
        return changed ? "Back on the sandbox: the Razorpay keys are forgotten." : "The sandbox is in use already.";
      });
    case "churn":
      return submitAndRedirect(form, setChurnOnFullRefundSchema, async (value) => {
        const account = await caller.paymentAccount.setChurnOnFullRefund(value);
        return {
          to: HERE,
          message: account.churnOnFullRefund ? "A full refund of a contact's only payment now moves them to Churned." : "Refunds no longer change a contact's stage.",
        };
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

/** A refused post belongs to the form it came from (its intent travels with it). */
function useReplyFor(intent: string): FormReply | undefined {
  const reply = useActionData<typeof action>() as FormReply | undefined;
  return reply && "status" in reply && reply.initialValue?.intent === intent ? reply : undefined;
}

function usePending(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;

/** A secret's input: never filled in, not even with what was typed before a refusal. */
const secretInput = (field: Field) => ({
  ...getInputProps(field, { type: "password" }),
  autoComplete: "off",
  defaultValue: undefined,
});

function ConnectRazorpayForm({ keyId, connected }: { keyId: string | null; connected: boolean }) {
  const [form, fields] = useForm({
    id: "connect-razorpay",
    lastResult: useReplyFor("connect"),
    defaultValue: { keyId: keyId ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: connectRazorpaySchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={connected ? "Change the Razorpay keys" : "Connect Razorpay"} className="space-y-4">
      <input type="hidden" name="intent" value="connect" />
      <FormError errors={form.errors} />
      <TextField
        label="Key id"
        {...getInputProps(fields.keyId, { type: "text" })}
        autoComplete="off"
        spellCheck={false}
        placeholder="rzp_live_… or rzp_test_…"
        hint="Razorpay Dashboard › Account & Settings › API Keys. A test key (rzp_test_) moves no real money."
        error={fields.keyId.errors?.[0]}
      />
      <TextField
        label="Key secret"
        {...secretInput(fields.keySecret)}
        hint={connected ? "Saved — enter it again to change the keys (it is never shown)." : "Shown once by Razorpay when the key is made; never shown here."}
        error={fields.keySecret.errors?.[0]}
      />
      <TextField
        label="Webhook secret"
        {...secretInput(fields.webhookSecret)}
        maxLength={WEBHOOK_SECRET_MAX}
        hint="The secret you entered with the webhook in Razorpay. A different one replaces the saved one, which stays accepted for 24 hours."
        error={fields.webhookSecret.errors?.[0]}
      />
      <label className="flex items-start gap-2 text-sm">
        <input {...getInputProps(fields.skipKeyCheck, { type: "checkbox" })} className="mt-1" />
        <span>Save without checking the keys with Razorpay (otherwise Razorpay is asked first, and keys it refuses are not saved)</span>
      </label>
      <Button pending={usePending("connect")} pendingText="Checking and saving…">
        {connected ? "Save the new keys" : "Connect Razorpay"}
      </Button>
    </Form>
  );
}

function RotateWebhookSecretForm() {
  const [form, fields] = useForm({
    id: "rotate-webhook-secret",
    lastResult: useReplyFor("rotate"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rotateWebhookSecretSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label="Rotate the webhook secret" className="space-y-4">
      <input type="hidden" name="intent" value="rotate" />
      <FormError errors={form.errors} />
      <p className="text-sm text-slate-600 dark:text-slate-300">
        First change the secret on the webhook in Razorpay&apos;s Dashboard, then enter the new one here. Events signed with the old one are still
        accepted for {PREVIOUS_WEBHOOK_SECRET_HOURS} hours, so nothing sent in between is lost.
      </p>
      <TextField label="New webhook secret" {...secretInput(fields.webhookSecret)} maxLength={WEBHOOK_SECRET_MAX} error={fields.webhookSecret.errors?.[0]} />
      <Button pending={usePending("rotate")} pendingText="Saving…">
        Rotate the secret
      </Button>
    </Form>
  );
}

function ChurnOptionForm({ churnOnFullRefund }: { churnOnFullRefund: boolean }) {
  const reply = useReplyFor("churn");
  return (
    <Form method="post" aria-label="Refunds" className="space-y-3">
      <input type="hidden" name="intent" value="churn" />
      <FormError errors={reply?.error?.[""] ?? null} />
      <label className="flex items-start gap-2 text-sm">
        {/* Keyed by the saved value, so the box shows it again after each save. */}
        <input key={String(churnOnFullRefund)} type="checkbox" name="churnOnFullRefund" defaultChecked={churnOnFullRefund} className="mt-1" />
        <span>A full refund of a contact&apos;s only payment moves them to Churned</span>
      </label>
      <Button variant="secondary" pending={usePending("churn")} pendingText="Saving…">
        Save refund option
      </Button>
    </Form>
  );
}

function UseSandboxForm() {
  const pending = usePending("useSandbox");
  return (
    <Form method="post" aria-label="Use the sandbox" className="space-y-3">
      <input type="hidden" name="intent" value="useSandbox" />
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Forgets the Razorpay keys: new payment links open the sandbox checkout again. Events Razorpay signed with the current webhook secret are still
        accepted for {PREVIOUS_WEBHOOK_SECRET_HOURS} hours.
      </p>
      <Button variant="danger" pending={pending} pendingText="Switching…">
        Switch to the sandbox
      </Button>
    </Form>
  );
}

export default function PaymentSettingsPage() {
  const { account, webhookUrl, timeZone } = useLoaderData<typeof loader>();
  if (!account || !webhookUrl) return <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can see and change the payment account.</p>;
  const connected = account.provider === "RAZORPAY";
  return (
    <div className="space-y-6">
      <Card title="Payment account">
        <PaymentAccountSummary account={account} timeZone={timeZone} />
        {connected ? null : (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">
            Payment links open Leadlane&apos;s sandbox checkout, where a payment can be made or failed without money. Connect Razorpay below to take real payments.
          </p>
        )}
      </Card>
      <Card title="Razorpay webhook">
        <RazorpayWebhookSetup webhookUrl={webhookUrl} />
      </Card>
      <Card title={connected ? "Change the Razorpay keys" : "Connect Razorpay"}>
        <ConnectRazorpayForm keyId={account.keyId} connected={connected} />
      </Card>
      {connected ? (
        <>
          <Card title="Rotate the webhook secret">
            <RotateWebhookSecretForm />
          </Card>
          <Card title="Use the sandbox">
            <UseSandboxForm />
          </Card>
        </>
      ) : null}
      <Card title="Refunds">
        <ChurnOptionForm churnOnFullRefund={account.churnOnFullRefund} />
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
