import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useAppData } from "~/components/use-app-data";
import { CompanyForm } from "~/components/companies/company-form";
import { StageBadge } from "~/components/deals/stage-badge";
import { actionFailure, getCaller, loaderCall } from "~/trpc/caller.server";
import { getCompanySchema } from "~/trpc/routers/company/get.schema";
import { updateCompanySchema } from "~/trpc/routers/company/update.schema";
import { deleteCompanySchema } from "~/trpc/routers/company/delete.schema";
import { formatDealValue } from "~/domain/deal/deal-value";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { redirectWithToast } from "~/utils/toast.server";
import { contactReach } from "~/domain/contact/contact-reach";
import { formatCalendarDate } from "~/utils/format";
import { roleAtLeast } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.company.name} · Companies · Leadlane` : "Company · Leadlane" },
];

function companyIdFrom(params: { id?: string }): string {
  const parsed = getCompanySchema.safeParse({ companyId: params.id });
  if (!parsed.success) throw json({ message: "Company not found." }, { status: 404 });
  return parsed.data.companyId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const companyId = companyIdFrom(params);
  const { caller } = await getCaller(request);
  const company = await loaderCall(request, () => caller.company.get({ companyId }));
  return json({ company });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const companyId = companyIdFrom(params);
  const form = await request.formData();
  const { caller } = await getCaller(request);
  switch (form.get("intent")) {
    case "update": {
      if (form.get("companyId") !== companyId) return json({ message: "Company not found." }, { status: 404 });
      return submitAndRedirect(form, updateCompanySchema, async (value) => {
        const company = await caller.company.update(value);
        return { to: `/companies/${company.id}`, message: "Company saved." };
      });
    }
    case "delete": {
      try {
        const result = await caller.company.delete(deleteCompanySchema.parse({ companyId }));
        const note = result.unlinkedContacts
          ? ` Its ${result.unlinkedContacts === 1 ? "contact is" : `${result.unlinkedContacts} contacts are`} kept, without a company.`
          : "";
        return redirectWithToast("/companies", { type: "success", message: `Company deleted.${note}` });
      } catch (error) {
        return actionFailure(error);
      }
    }
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

export default function CompanyPage() {
  const { company } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { organization } = useAppData();
  const role = organization?.role ?? "VIEWER";
  // A refused delete comes back as { ok: false, message }; a refused edit as the form's reply.
  const failure = actionData && "message" in actionData && typeof actionData.message === "string" ? actionData.message : null;
  const lastResult = actionData && !failure ? (actionData as FormReply) : undefined;
  const deleting = navigation.state === "submitting" && navigation.formData?.get("intent") === "delete";
  return (
    <div className="max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to="/companies" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Companies
        </Link>
      </p>
      <PageHeader
        title={company.name}
        description={
          <>
            {[company.industry, company.size ? `${company.size} people` : null].filter(Boolean).join(" · ") || "No details yet"}
            {company.website ? (
              <>
                {" · "}
                <a href={company.website} target="_blank" rel="noopener noreferrer nofollow" className="underline">
                  {company.website.replace(/^https:\/\//, "")}
                </a>
              </>
            ) : null}
          </>
        }
        actions={
          roleAtLeast(role, "AGENT") ? (
            <Link to={`/deals/new?companyId=${company.id}`} className={buttonClass("primary")}>
              New deal
            </Link>
          ) : null
        }
      />
      {failure ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {failure}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={`Contacts (${company.contactCount})`}>
          {company.contacts.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">
              No contacts yet. Set the company on a contact&apos;s page to link them.
            </p>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Contacts at this company">
              {company.contacts.map((contact) => (
                <li key={contact.id} className="py-2">
                  <Link to={`/contacts/${contact.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {contact.name}
                  </Link>
                  <p className="text-sm text-slate-500">
                    {contactReach(contact)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {company.contactCount > company.contacts.length ? (
            <p className="mt-3 text-sm">
              <Link to={`/contacts?company=${company.id}`} className="underline">
                See all {company.contactCount} contacts
              </Link>
            </p>
          ) : null}
        </Card>
        <Card title={`Deals (${company.dealCount})`}>
          {company.deals.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">No deals yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Deals with this company">
              {company.deals.map((deal) => (
                <li key={deal.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <Link to={`/deals/${deal.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                      {deal.title}
                    </Link>
                    <p className="text-sm text-slate-500">
                      {deal.contact ? `${deal.contact.name} · ` : ""}
                      {deal.probability}%{deal.expectedCloseDate ? ` · closes ${formatCalendarDate(deal.expectedCloseDate)}` : ""}
                    </p>
                  </div>
                  <div className="flex items-center gap-2 text-sm">
                    <StageBadge kind={deal.stage.kind} name={deal.stage.name} />
                    <span className="font-medium">{formatDealValue(deal.valuePaise)}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {roleAtLeast(role, "AGENT") ? (
        <Card title="Edit company">
          <CompanyForm
            id="edit-company"
            intent="update"
            lastResult={lastResult}
            defaultValue={company}
            hidden={{ companyId: company.id }}
            submitLabel="Save company"
          />
        </Card>
      ) : null}
      {roleAtLeast(role, "MANAGER") ? (
        <Card title="Delete company">
          <details>
            <summary className="cursor-pointer text-sm font-medium text-red-700 dark:text-red-300">Delete this company…</summary>
            <p className="my-3 text-sm text-slate-600 dark:text-slate-300">
              Its {company.contactCount} {company.contactCount === 1 ? "contact" : "contacts"} and {company.dealCount}{" "}
              {company.dealCount === 1 ? "deal" : "deals"} stay; they just won&apos;t belong to a company any more.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <Button variant="danger" pending={deleting} pendingText="Deleting…">
                Yes, delete {company.name}
              </Button>
            </Form>
          </details>
        </Card>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
