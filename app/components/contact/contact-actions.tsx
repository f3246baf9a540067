// The contact page's "Merge with…" and "Delete" links (each opens its own page,
// so both work without JavaScript) and the secondary phones and emails a
// contact keeps from merged contacts.
import { Link } from "@remix-run/react";
import type { ContactProfile } from "~/components/contact/contact-types";
import { formatPhone } from "~/utils/phone";

const LINK =
  "inline-flex min-h-10 items-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
const DANGER_LINK =
  "inline-flex min-h-10 items-center rounded-md border border-red-300 px-3 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950";

export function ContactActions({ profile }: { profile: ContactProfile }) {
  const { contact, permissions } = profile;
  return (
    <>
      {permissions.canEdit ? (
        <Link to={`/contacts/${contact.id}/merge`} className={LINK}>
          Merge with…
        </Link>
      ) : null}
      {permissions.canDelete ? (
        <Link to={`/contacts/${contact.id}/delete`} className={DANGER_LINK}>
          Delete
        </Link>
      ) : null}
    </>
  );
}

/** "Also: +91 91234 56789 · priya.old@example.com" */
export function ContactIdentities({ identities }: { identities: ContactProfile["identities"] }) {
  if (identities.length === 0) return null;
  return (
    <p className="mt-1 break-words text-sm text-slate-600 dark:text-slate-300" data-testid="contact-identities">
      <span className="font-medium">Also: </span>
      {identities.map((identity, index) => (
        <span key={identity.id}>
          {index > 0 ? " · " : null}
          {identity.kind === "PHONE" ? (
            <a href={`tel:${identity.value}`} className="underline">
              {formatPhone(identity.value)}
            </a>
          ) : (
            <a href={`mailto:${identity.value}`} className="break-all underline">
              {identity.value}
            </a>
          )}
        </span>
      ))}
    </p>
  );
}
