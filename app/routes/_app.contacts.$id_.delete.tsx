// /contacts/:id/delete: the confirmation page for deleting one contact (a plain
// page and form post, so it works without JavaScript).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { countOf } from "~/utils/format";
import { runAndRedirect } from "~/web/form-action.server";
import { contactReach } from "~/domain/contact/contact-reach";
import { contactIdOr404 } from "~/web/contact-id-param.server";
import { ContactBreadcrumb } from "~/components/contact/contact-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Delete ${data.profile.contact.name} · Leadlane` : "Delete contact · Leadlane" },
];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = contactIdOr404(params.id);
  const { caller } = await getCaller(request);
  const profile = await loaderCall(request, () => caller.contact.get({ id }));
  if (!profile.permissions.canDelete) throw json({ message: "Only managers and above can delete contacts." }, { status: 403 });
  return json({ profile });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = contactIdOr404(params.id);
  const { caller } = await getCaller(request);
  return runAndRedirect(
    "/contacts",
    async () => {
      const deleted = await caller.contact.delete({ id });
      return `Deleted ${deleted.name}.`;
    },
    { failTo: `/contacts/${id}/delete` },
  );
}

export default function DeleteContactPage() {
  const { profile } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { contact } = profile;
  const pendingFollowUps = profile.followUps.filter((followUp) => followUp.status === "PENDING").length;
  const facts = [
    profile.notesCount ? countOf(profile.notesCount, "note") : null,
    pendingFollowUps ? countOf(pendingFollowUps, "pending follow-up") : null,
    profile.tags.length ? countOf(profile.tags.length, "tag") : null,
  ].filter((fact): fact is string => fact !== null);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <ContactBreadcrumb contact={contact} />
      <Card>
        <h1 className="break-words text-2xl font-semibold tracking-tight">Delete {contact.name}?</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          {contactReach(contact)}
        </p>
        <p className="mt-4 text-sm">
          The contact is deleted with its timeline{facts.length ? ` (${facts.join(", ")})` : ""}, consent and secondary phones and
          emails. Its deals stay, without a contact. This can&apos;t be undone.
        </p>
        <Form method="post" className="mt-6 flex flex-wrap gap-2">
          <Button variant="danger" pending={navigation.state === "submitting"} pendingText="Deleting…">
            Delete {contact.name}
          </Button>
          <Link to={`/contacts/${contact.id}`} className={buttonClass("secondary")}>
            Cancel
          </Link>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
