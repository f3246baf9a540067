import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useAppData } from "~/components/use-app-data";
import { CompanyForm } from "~/components/companies/company-form";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { listCompaniesSchema } from "~/trpc/routers/company/list.schema";
import { createCompanySchema } from "~/trpc/routers/company/create.schema";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { roleAtLeast } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Companies · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = listCompaniesSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw json({ message: "That search or page isn't valid." }, { status: 400 });
  const { caller } = await getCaller(request);
  const result = await loaderCall(request, () => caller.company.list(parsed.data));
  return json({ ...result, q: parsed.data.q });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") !== "create") return json({ message: "Unknown action." }, { status: 400 });
  const { caller } = await getCaller(request);
  return submitAndRedirect(form, createCompanySchema, async (value) => {
    const company = await caller.company.create(value);
    return { to: `/companies/${company.id}`, message: `${company.name} added.` };
  });
}

function pageHref(params: URLSearchParams, page: number) {
  const next = new URLSearchParams(params);
  next.set("page", String(page));
  return `?${next.toString()}`;
}

export default function CompaniesPage() {
  const { companies, total, page, pageCount, q } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const [params] = useSearchParams();
  const { organization } = useAppData();
  const canCreate = roleAtLeast(organization?.role ?? "VIEWER", "AGENT");
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title="Companies" description="Brokerages, academies and desks your contacts work for, with their deals." />
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="min-w-0 flex-1 text-sm sm:max-w-xs">
          <span className="mb-1 block text-slate-600 dark:text-slate-300">Search by name</span>
          <input
            type="search"
            name="q"
            defaultValue={q}
            placeholder="Name starts with…"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </Form>
      <Card title={`${total.toLocaleString("en-IN")} ${total === 1 ? "company" : "companies"}`}>
        {companies.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {q ? `No company name starts with “${q}”.` : "No companies yet. Add the first one below."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Companies">
            {companies.map((company) => (
              <li key={company.id} className="flex flex-wrap items-baseline justify-between gap-2 py-3">
                <div className="min-w-0">
                  <Link to={`/companies/${company.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {company.name}
                  </Link>
                  <p className="text-sm text-slate-500">
                    {[company.industry, company.size ? `${company.size} people` : null].filter(Boolean).join(" · ") || "—"}
                  </p>
                </div>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {company.contactCount} {company.contactCount === 1 ? "contact" : "contacts"} · {company.dealCount}{" "}
                  {company.dealCount === 1 ? "deal" : "deals"}
                </p>
              </li>
            ))}
          </ul>
        )}
        {pageCount > 1 ? (
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            {page > 1 ? (
              <Link to={pageHref(params, page - 1)} className={buttonClass("secondary")}>
                Previous
              </Link>
            ) : (
              <span />
            )}
            <span>
              Page {page} of {pageCount}
            </span>
            {page < pageCount ? (
              <Link to={pageHref(params, page + 1)} className={buttonClass("secondary")}>
                Next
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
      {canCreate ? (
        <Card title="Add a company">
          <CompanyForm id="create-company" intent="create" lastResult={lastResult} submitLabel="Add company" />
        </Card>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
