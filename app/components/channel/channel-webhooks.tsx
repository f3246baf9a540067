import { channelWebhookUrls, INBOUND_EMAIL_SECRET_HEADER } from "~/domain/channel/channel-webhooks";

function UrlRow({ label, url }: { label: string; url: string }) {
  return (
    <div className="space-y-0.5">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd>
        <code className="block break-all rounded bg-slate-100 px-2 py-1 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">{url}</code>
      </dd>
    </div>
  );
}

/** The exact addresses to paste into Twilio's console, or to give an email relay with its secret header. */
export function ChannelWebhooks({ baseUrl, channel }: { baseUrl: string; channel: { id: string; kind: "WHATSAPP" | "SMS" | "EMAIL"; name: string } }) {
  const urls = channelWebhookUrls(baseUrl, channel);
  if (urls.kind === "email") {
    return (
      <section aria-label={`Webhook for ${channel.name}`} className="space-y-2 text-sm">
        <dl className="space-y-2">
          <UrlRow label="Inbound email: POST the raw message (message/rfc822) to" url={urls.inbound} />
        </dl>
        <p className="text-xs text-slate-600 dark:text-slate-300">
          Send the channel&apos;s inbound secret in the <code>{INBOUND_EMAIL_SECRET_HEADER}</code> header with every message, for example{" "}
          <code className="break-all">
            curl -X POST -H &quot;{INBOUND_EMAIL_SECRET_HEADER}: &lt;secret&gt;&quot; -H &quot;Content-Type: message/rfc822&quot; --data-binary @mail.eml {urls.inbound}
          </code>
          . Messages up to 1 MB.
        </p>
      </section>
    );
  }
  return (
    <section aria-label={`Webhooks for ${channel.name}`} className="space-y-2 text-sm">
      <dl className="space-y-2">
        <UrlRow label="Twilio: A message comes in (HTTP POST)" url={urls.inbound} />
        <UrlRow label="Twilio: Status callback URL" url={urls.status} />
      </dl>
    </section>
  );
}
