import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import type { ContactProfile } from "~/components/contact/contact-types";
import { ContactActions, ContactIdentities } from "~/components/contact/contact-actions";
import { SOURCE_LABELS, labelOf } from "~/domain/contact/contact-labels";
import { formatDateTime, formatPaise } from "~/utils/format";
import { formatPhone } from "~/utils/phone";
import { useTimeZone } from "~/components/use-app-data";

const LINK = "inline-flex min-h-10 items-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** Name, how to reach them, and who looks after them. Stage, temperature and score are in the Status card, where they are edited. */
export function ContactHeader({ profile }: { profile: ContactProfile }) {
  const timeZone = useTimeZone();
  const { contact } = profile;
  const digits = contact.phone?.replace(/\D/g, "") ?? null;
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900 sm:p-6">
      <h1 className="break-words text-2xl font-semibold tracking-tight">{contact.name}</h1>
      {contact.phone ? (
        <p className="mt-1 text-lg" data-testid="contact-phone">
          {formatPhone(contact.phone)}
        </p>
      ) : null}
      {contact.phoneIsLandline ? <p className="text-sm text-slate-500 dark:text-slate-400">Landline — probably not on WhatsApp</p> : null}
      {contact.email ? (
        <p className="break-all text-sm text-slate-600 dark:text-slate-300">
          <a href={`mailto:${contact.email}`} className="underline">
            {contact.email}
          </a>
        </p>
      ) : null}
      <ContactIdentities identities={profile.identities} />
      <div className="mt-3 flex flex-wrap gap-2">
        {contact.phone ? (
          <>
            <a href={`tel:${contact.phone}`} className={LINK}>
              Call
            </a>
            <a href={`https://wa.me/${digits}`} target="_blank" rel="noopener noreferrer" className={LINK}>
              WhatsApp
            </a>
          </>
        ) : null}
        <ContactActions profile={profile} />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-4">
        <Fact label="Owner">{contact.owner?.name ?? "Unassigned"}</Fact>
        <Fact label="Source">{labelOf(SOURCE_LABELS, contact.source)}</Fact>
        <Fact label="Company">
          {contact.company ? (
            <Link to={`/companies/${contact.company.id}`} className="underline">
              {contact.company.name}
            </Link>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Spent">{formatPaise(contact.amountSpentPaise)}</Fact>
        <Fact label="Last activity">{formatDateTime(contact.lastActivityAt, timeZone)}</Fact>
      </dl>
      {contact.aiSummary ? (
        <p className="mt-4 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-950">
          <span className="font-semibold">AI summary: </span>
          {contact.aiSummary}
        </p>
      ) : null}
    </header>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}
