import { Link } from "@remix-run/react";

const CRUMB = "break-words text-slate-600 underline dark:text-slate-300";

/** Contacts › <the contact>, above a contact's page and the pages that act on it. */
export function ContactBreadcrumb({ contact }: { contact?: { id: string; name: string } }) {
  return (
    <nav aria-label="Breadcrumb" className="flex flex-wrap gap-x-2 text-sm">
      <Link to="/contacts" className={CRUMB}>
        Contacts
      </Link>
      {contact ? (
        <>
          <span aria-hidden="true">›</span>
          <Link to={`/contacts/${contact.id}`} className={CRUMB}>
            {contact.name}
          </Link>
        </>
      ) : null}
    </nav>
  );
}
