import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { useAppData } from "~/components/use-app-data";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";

export const meta: MetaFunction = () => [{ title: "Dashboard · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller } = await getCaller(request);
  return json({ summary: await loaderCall(request, () => caller.dashboard.summary()) });
}

const KPIS = [
  { key: "contacts", label: "Contacts" },
  { key: "hotLeads", label: "Hot leads" },
  { key: "converted", label: "Converted" },
  { key: "members", label: "Team members" },
  { key: "products", label: "Active products" },
] as const;

export default function DashboardPage() {
  const { summary } = useLoaderData<typeof loader>();
  const { organization, user } = useAppData();
  // The counts are live: contacts and members.
  useLiveRefresh([useWorkspaceTopics().organization], ["contact.changed", "contacts.bulkChanged", "member.joined", "member.updated"]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Hello, ${user.name.split(" ")[0]}`}
        description={`Here is where ${organization?.name ?? "your organization"} stands today.`}
      />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {KPIS.map((kpi) => (
          <div key={kpi.key} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{kpi.label}</dt>
            <dd className="mt-1 text-2xl font-semibold" data-testid={`kpi-${kpi.key}`}>
              {summary[kpi.key].toLocaleString("en-IN")}
            </dd>
          </div>
        ))}
      </dl>
      <Card title="Coming next">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Charts for the funnel, revenue and message volume arrive with the dashboard work. The numbers above are live
          counts for this organization.
        </p>
      </Card>
    </div>
  );
}
