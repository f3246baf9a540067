// The contact beside the chat (behind the Profile tab on a phone): how to reach them, stage, owner,
// tags, consent per channel, and the way to their full page.
import { Link } from "@remix-run/react";
import type { ContactProfile } from "~/components/contact/contact-types";
import { TagChip } from "~/components/contact/tag-chip";
import { CONSENT_CHANNEL_LABELS, CONSENT_STATUS_LABELS, STAGE_LABELS } from "~/domain/contact/contact-labels";
import { formatPhone } from "~/utils/phone";

export function ContactProfilePanel({ profile }: { profile: ContactProfile }) {
  const { contact } = profile;
  const rows: Array<[string, string]> = [
    ["Phone", contact.phone ? formatPhone(contact.phone) : "—"],
    ["Email", contact.email ?? "—"],
    ["Stage", STAGE_LABELS[contact.stage]],
    ["Owner", contact.owner?.name ?? "Nobody"],
  ];
  return (
    <section aria-label="Contact profile" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-base font-semibold [overflow-wrap:anywhere]">{contact.name}</h2>
      <dl className="grid grid-cols-[fit-content(40%)_minmax(0,1fr)] gap-x-3 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h3 className="font-medium">Tags</h3>
        {profile.tags.length ? (
          <ul className="mt-1 flex flex-wrap gap-1">
            {profile.tags.map((tag) => (
              <li key={tag.id}>
                <TagChip name={tag.name} color={tag.color} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">No tags</p>
        )}
      </div>
      <div>
        <h3 className="font-medium">Consent</h3>
        <ul className="mt-1 space-y-0.5">
          {profile.consents.map((consent) => (
            <li key={consent.channel}>
              {CONSENT_CHANNEL_LABELS[consent.channel]}: {consent.status ? CONSENT_STATUS_LABELS[consent.status] : "Not recorded"}
              {consent.source ? <span className="text-slate-500"> ({consent.source})</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <Link to={`/contacts/${contact.id}`} className="inline-block font-medium text-brand-700 underline dark:text-brand-100">
        Open the full contact page
      </Link>
    </section>
  );
}
