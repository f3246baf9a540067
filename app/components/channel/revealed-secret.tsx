import { INBOUND_EMAIL_SECRET_HEADER } from "~/domain/channel/channel-webhooks";

/** An email channel's new inbound secret, shown on the one answer that made it. */
export function RevealedSecret({ name, secret }: { name: string; secret: string }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">Inbound secret for {name}: copy it now, it is not shown again.</p>
      <code aria-label="Inbound secret" className="block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900">
        {secret}
      </code>
      <p>
        Your mail relay sends it in the <code>{INBOUND_EMAIL_SECRET_HEADER}</code> header. Lost it? Edit the channel and make a new one.
      </p>
    </div>
  );
}
