// /settings/channels — the organization's WhatsApp, SMS and email channels: add one, see the webhook
// addresses to paste into Twilio or a mail relay, switch one off or on. Owners and admins only. Plain
// forms: works without JavaScript. Credentials are never sent to the page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError, SelectField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { ChannelFormFields } from "~/components/channel/channel-form-fields";
import { ChannelWebhooks } from "~/components/channel/channel-webhooks";
import { ChannelSummary } from "~/components/channel/channel-summary";
import { RevealedSecret } from "~/components/channel/revealed-secret";
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS, CHANNEL_SECRET_FIELDS, channelIdSchema, createChannelSchema } from "~/domain/channel/channel-fields.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { parseForm, runAndRedirect, type FormReply } from "~/web/form-action.server";
import { publicBaseUrl } from "~/web/public-base-url.server";
import { redirectWithToast } from "~/utils/toast.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Channels · Settings · Leadlane" }];

const HERE = "/settings/channels";
const KIND_OPTIONS = CHANNEL_KINDS.map((value) => ({ value, label: CHANNEL_KIND_LABELS[value] }));

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!can(ctx.org?.role, "update:settings:any")) return json({ channels: null, baseUrl: null });
  const channels = await loaderCall(request, () => caller.channel.list());
  return json({ channels, baseUrl: publicBaseUrl(request) });
}

type RevealReply = { revealed: { name: string; secret: string } };

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  switch (form.get("intent")) {
    case "create": {
      const parsed = parseForm(form, createChannelSchema, { secretFields: CHANNEL_SECRET_FIELDS });
      if (!parsed.ok) return parsed.response;
      try {
        const { channel, inboundSecret } = await caller.channel.create(parsed.value);
        // The new email channel's secret is answered on this page once, never put in a cookie or a URL.
        if (inboundSecret) return json<RevealReply>({ revealed: { name: channel.name, secret: inboundSecret } });
        return await redirectWithToast(HERE, { type: "success", message: `Channel ${channel.name} added.` });
      } catch (error) {
        return parsed.reply(error);
      }
    }
    case "disable":
      return runAndRedirect(HERE, async () => `Channel ${(await caller.channel.disable(channelIdSchema.parse(Object.fromEntries(form)))).name} switched off.`);
    case "enable":
      return runAndRedirect(HERE, async () => `Channel ${(await caller.channel.enable(channelIdSchema.parse(Object.fromEntries(form)))).name} switched on.`);
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

function AddChannelForm() {
  const reply = useActionData<typeof action>() as FormReply | RevealReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-channel",
    lastResult: reply && "status" in reply ? reply : undefined,
    defaultValue: { kind: "WHATSAPP" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createChannelSchema }),
  });
  return (
    <Card title="Add a channel">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="create" />
        <FormError errors={form.errors} />
        <SelectField label="Kind" {...getSelectProps(fields.kind)} options={KIND_OPTIONS} error={fields.kind.errors?.[0]} />
        <ChannelFormFields fields={fields} kind={null} />
        <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} pendingText="Adding…">
          Add channel
        </Button>
      </Form>
    </Card>
  );
}

export default function ChannelSettingsPage() {
  const { channels, baseUrl } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | RevealReply | undefined;
  if (!channels || !baseUrl) return <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can see and change channels.</p>;
  return (
    <div className="space-y-6">
      {reply && "revealed" in reply ? <RevealedSecret name={reply.revealed.name} secret={reply.revealed.secret} /> : null}
      <Card title={`Channels (${channels.length})`}>
        {channels.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No channels yet: add one below.</p>
        ) : (
          <ul aria-label="Channels" className="divide-y divide-slate-200 dark:divide-slate-800">
            {channels.map((channel) => (
              <li key={channel.id} className="space-y-3 py-4">
                <ChannelSummary channel={channel} />
                <ChannelWebhooks baseUrl={baseUrl} channel={channel} />
                <div className="flex flex-wrap gap-2">
                  <Link to={`${HERE}/${channel.id}`} className={buttonClass("secondary", "min-h-9 px-3 py-1")} aria-label={`Edit ${channel.name}`}>
                    Edit
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value={channel.enabled ? "disable" : "enable"} />
                    <input type="hidden" name="id" value={channel.id} />
                    <Button variant={channel.enabled ? "danger" : "secondary"} className="min-h-9 px-3 py-1" aria-label={`${channel.enabled ? "Switch off" : "Switch on"} ${channel.name}`}>
                      {channel.enabled ? "Switch off" : "Switch on"}
                    </Button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <AddChannelForm />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
