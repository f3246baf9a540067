// /settings/channels/:channelId — editing a channel: name, sender, rate, credentials (an empty field
// keeps the saved one), and for email a new inbound secret. A plain form: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { ChannelFormFields } from "~/components/channel/channel-form-fields";
import { ChannelWebhooks } from "~/components/channel/channel-webhooks";
import { ChannelSummary } from "~/components/channel/channel-summary";
import { RevealedSecret } from "~/components/channel/revealed-secret";
import { CHANNEL_KIND_LABELS, CHANNEL_SECRET_FIELDS, channelIdSchema, updateChannelSchema } from "~/domain/channel/channel-fields.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { parseForm, type FormReply } from "~/web/form-action.server";
import { publicBaseUrl } from "~/web/public-base-url.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.channel.name} · Channels · Leadlane` : "Channel · Leadlane" },
];

function channelIdOr404(value: string | undefined): string {
  const parsed = channelIdSchema.safeParse({ id: value });
  if (!parsed.success) throw json({ message: "Channel not found." }, { status: 404 });
  return parsed.data.id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = channelIdOr404(params.channelId);
  const { caller } = await getCaller(request);
  const channel = await loaderCall(request, () => caller.channel.get({ id }));
  return json({ channel, baseUrl: publicBaseUrl(request) });
}

type RevealReply = { revealed: { name: string; secret: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  const id = channelIdOr404(params.channelId);
  const form = await request.formData();
  // The channel comes from the address, whatever the form says.
  form.set("id", id);
  const { caller } = await getCaller(request);
  const parsed = parseForm(form, updateChannelSchema, { secretFields: CHANNEL_SECRET_FIELDS });
  if (!parsed.ok) return parsed.response;
  try {
    const { channel, inboundSecret } = await caller.channel.update(parsed.value);
    if (inboundSecret) return json<RevealReply>({ revealed: { name: channel.name, secret: inboundSecret } });
    return await redirectWithToast("/settings/channels", { type: "success", message: `Channel ${channel.name} saved.` });
  } catch (error) {
    return parsed.reply(error);
  }
}

export default function EditChannelPage() {
  const { channel, baseUrl } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | RevealReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "edit-channel",
    lastResult: reply && "status" in reply ? reply : undefined,
    defaultValue: {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      address: channel.messagingServiceSid && channel.address === channel.messagingServiceSid ? "" : channel.address,
      messagingServiceSid: channel.messagingServiceSid ?? "",
      ratePerSecond: channel.ratePerSecond === null ? "" : String(channel.ratePerSecond),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateChannelSchema }),
  });
  const saved = channel.savedCredentials ?? [];
  const hasOwnCredentials = saved.some((name) => name !== "inboundSecret");
  return (
    <div className="space-y-6">
      <p>
        <Link to="/settings/channels" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
          ← All channels
        </Link>
      </p>
      {reply && "revealed" in reply ? <RevealedSecret name={reply.revealed.name} secret={reply.revealed.secret} /> : null}
      <Card title={`Edit ${CHANNEL_KIND_LABELS[channel.kind]} channel`}>
        <div className="mb-4 space-y-3">
          <ChannelSummary channel={channel} />
          <ChannelWebhooks baseUrl={baseUrl} channel={channel} />
        </div>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input {...getInputProps(fields.id, { type: "hidden" })} />
          <input {...getInputProps(fields.kind, { type: "hidden" })} />
          <FormError errors={[...(form.errors ?? []), ...(fields.kind.errors ?? [])]} />
          <ChannelFormFields fields={fields} kind={channel.kind} saved={saved} />
          {hasOwnCredentials ? (
            <label className="flex items-start gap-2 text-sm">
              <input {...getInputProps(fields.removeCredentials, { type: "checkbox" })} className="mt-1" />
              <span>
                {channel.kind === "EMAIL"
                  ? "Forget the saved SMTP URL (send with the server's SMTP settings, or the sandbox)"
                  : "Forget the saved Twilio credentials (back to the sandbox)"}
              </span>
            </label>
          ) : null}
          {channel.kind === "EMAIL" ? (
            <label className="flex items-start gap-2 text-sm">
              <input {...getInputProps(fields.newInboundSecret, { type: "checkbox" })} className="mt-1" />
              <span>Make a new inbound secret (the old one stops working; the new one is shown once)</span>
            </label>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button pending={navigation.state === "submitting"} pendingText="Saving…">
              Save channel
            </Button>
            <Link to="/settings/channels" className={buttonClass("secondary")}>
              Cancel
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
