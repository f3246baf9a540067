// /simulator — the phone simulator: anyone in the organization writes as a customer on a sandbox
// WhatsApp, SMS or email channel (an existing contact, or a new number or address with a profile
// name), optionally with a sample photo, document or location. The message enters through the same
// webhook inbox and job as a real one; the page shows the conversation as the customer's phone
// does and refreshes live. Plain forms (a post and a redirect): works without JavaScript, and at 360 px.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { CustomerThread, type CustomerThreadMessage } from "~/components/simulator/customer-thread";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { useTimeZone } from "~/components/use-app-data";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { SIMULATOR_SAMPLE_LABELS, SIMULATOR_SAMPLES, simulatorMessageSchema, simulatorViewSchema } from "~/domain/simulator/simulator-message.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { parseForm, type FormReply } from "~/web/form-action.server";
import { redirectWithToast } from "~/utils/toast.server";
import { liveTopic } from "~/utils/live-event";
import { formatPhone } from "~/utils/phone";

export const meta: MetaFunction = () => [{ title: "Phone simulator · Leadlane" }];

const HERE = "/simulator";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = simulatorViewSchema.safeParse({
    channelId: url.searchParams.get("channel") ?? undefined,
    contactId: url.searchParams.get("contact") ?? undefined,
    phone: url.searchParams.get("phone") ?? undefined,
    email: url.searchParams.get("email") ?? undefined,
  });
  if (!parsed.success) throw json({ message: "That channel or customer isn't valid. Pick them from the lists." }, { status: 400 });
  const { caller } = await getCaller(request);
  return json(await loaderCall(request, () => caller.simulator.view(parsed.data)));
}

/** Where the simulator shows this customer's conversation again. */
function simulatorUrl(channelId: string, customer: { contactId: string } | { phone: string } | { email: string }): string {
  const params = new URLSearchParams({ channel: channelId });
  if ("contactId" in customer) params.set("contact", customer.contactId);
  else if ("phone" in customer) params.set("phone", customer.phone);
  else params.set("email", customer.email);
  return `${HERE}?${params}`;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  if (form.get("intent") !== "send") return json({ message: "Unknown action." }, { status: 400 });
  const parsed = parseForm(form, simulatorMessageSchema);
  if (!parsed.ok) return parsed.response;
  try {
    const sent = await caller.simulator.send(parsed.value);
    return await redirectWithToast(simulatorUrl(sent.channelId, sent.customer), {
      type: "success",
      message: sent.stored ? "Sent as the customer. It reaches the inbox as soon as the worker has processed it." : "That message had been received already.",
    });
  } catch (error) {
    return parsed.reply(error);
  }
}

type View = ReturnType<typeof useLoaderData<typeof loader>>;

function ChannelPicker({ view }: { view: View }) {
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2">
      <SelectField
        id="simulator-channel"
        label="Channel"
        name="channel"
        defaultValue={view.channel?.id}
        options={view.channels.map((channel) => ({ value: channel.id, label: `${channel.name} (${CHANNEL_KIND_LABELS[channel.kind]}, ${channel.address})` }))}
      />
      <Button variant="secondary" className="min-h-10">
        Use this channel
      </Button>
    </Form>
  );
}

function SendForm({ view }: { view: View & { channel: NonNullable<View["channel"]> } }) {
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const email = view.channel.kind === "EMAIL";
  const [form, fields] = useForm({
    id: `simulator-${view.channel.id}`,
    lastResult: reply && "status" in reply ? reply : undefined,
    defaultValue: {
      channelId: view.channel.id,
      contactId: view.customer?.contactId ?? "",
      phone: !view.customer?.contactId ? (view.customer?.phone ?? "") : "",
      email: !view.customer?.contactId ? (view.customer?.email ?? "") : "",
      sample: "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: simulatorMessageSchema }),
  });
  const contactOptions = [
    { value: "", label: email ? "A new customer (enter the address below)" : "A new customer (enter the number below)" },
    ...view.contacts
      .filter((contact) => (email ? contact.email : contact.phone))
      .map((contact) => ({ value: contact.id, label: `${contact.name} · ${email ? contact.email : formatPhone(contact.phone!)}` })),
  ];
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="send" />
      <input {...getInputProps(fields.channelId, { type: "hidden" })} />
      <FormError errors={[...(form.errors ?? []), ...(fields.channelId.errors ?? [])]} />
      <SelectField label="Write as" {...getSelectProps(fields.contactId)} options={contactOptions} error={fields.contactId.errors?.[0]} />
      <div className="grid gap-4 sm:grid-cols-2">
        {email ? (
          <TextField label="Customer's email" {...getInputProps(fields.email, { type: "email" })} error={fields.email.errors?.[0]} hint="Used when no contact is chosen" autoComplete="off" />
        ) : (
          <TextField label="Customer's phone" {...getInputProps(fields.phone, { type: "tel" })} error={fields.phone.errors?.[0]} hint="With the country code; used when no contact is chosen" autoComplete="off" />
        )}
        <TextField label={email ? "Sender name" : "Profile name"} {...getInputProps(fields.profileName, { type: "text" })} error={fields.profileName.errors?.[0]} autoComplete="off" />
      </div>
      {email ? <TextField label="Subject" {...getInputProps(fields.subject, { type: "text" })} error={fields.subject.errors?.[0]} /> : null}
      <TextareaField label="Message" {...getTextareaProps(fields.body)} rows={3} maxLength={4096} error={fields.body.errors?.[0]} />
      <SelectField
        label="Attach"
        {...getSelectProps(fields.sample)}
        options={[{ value: "", label: "Nothing" }, ...SIMULATOR_SAMPLES.map((value) => ({ value, label: SIMULATOR_SAMPLE_LABELS[value] }))]}
        error={fields.sample.errors?.[0]}
      />
      <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "send"} pendingText="Sending…">
        Send as the customer
      </Button>
    </Form>
  );
}

function customerName(view: View): string {
  const customer = view.customer;
  if (!customer) return "the customer";
  return customer.name ?? (customer.phone ? formatPhone(customer.phone) : (customer.email ?? "the customer"));
}

export default function SimulatorPage() {
  const view = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const { organization } = useWorkspaceTopics();
  // The open conversation's own topic; until it exists (a new customer's first message), the organization's.
  useLiveRefresh(
    [view.conversationId ? liveTopic("conversation", view.conversationId) : organization],
    ["message.changed", "conversation.changed"],
    (event) => view.conversationId !== null || !view.customer?.contactId || ("contactId" in event && event.contactId === view.customer.contactId),
  );
  const channel = view.channel;
  return (
    <div className="max-w-5xl">
      <PageHeader
        title="Phone simulator"
        description="Write as a customer on a sandbox channel. The message arrives exactly as a real WhatsApp, SMS or email would: in the inbox, on the contact's timeline, with opt-out words applied."
      />
      {!channel ? (
        <Card>
          <p className="text-sm text-slate-600 dark:text-slate-300">There is no sandbox channel to write on. An admin can add one under Settings › Channels.</p>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
          <Card title="Send as the customer">
            <div className="space-y-4">
              <ChannelPicker view={view} />
              <SendForm key={`${channel.id}:${view.customer?.contactId ?? view.customer?.phone ?? view.customer?.email ?? ""}`} view={{ ...view, channel }} />
            </div>
          </Card>
          <section aria-label="Simulated phone" className="overflow-hidden rounded-2xl border-4 border-slate-800 bg-slate-100 dark:bg-slate-950">
            <header className="bg-emerald-700 px-3 py-2 text-white">
              <p className="text-sm font-semibold">{channel.name}</p>
              <p className="text-xs opacity-90">
                {CHANNEL_KIND_LABELS[channel.kind]} · as {customerName(view)}
              </p>
            </header>
            {view.hidden ? (
              <p className="p-4 text-sm text-slate-600 dark:text-slate-300">This conversation is not one you can see.</p>
            ) : view.thread ? (
              <CustomerThread messages={view.thread as unknown as CustomerThreadMessage[]} timeZone={timeZone} />
            ) : (
              <p className="p-4 text-sm text-slate-500">{view.customer ? "Nothing here yet: the message appears once it has been received." : "Choose a customer and write to start."}</p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
