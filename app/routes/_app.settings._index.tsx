import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { buttonClass } from "~/components/ui/button";
import { useAppData } from "~/components/use-app-data";
import { ROLE_LABELS } from "~/utils/permissions";

export default function OrganizationSettingsPage() {
  const { organization, organizations, user } = useAppData();
  return (
    <div className="space-y-6">
      <Card title="Current organization">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{organization?.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Your role</dt>
            <dd className="font-medium">{organization ? ROLE_LABELS[organization.role] : "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Signed in as</dt>
            <dd className="font-medium">{user.email}</dd>
          </div>
        </dl>
      </Card>
      <Card
        title="Your organizations"
        actions={
          <Link to="/organizations/new" className={buttonClass("secondary")}>
            New organization
          </Link>
        }
      >
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {organizations.map((org) => (
            <li key={org.id} className="flex items-center justify-between py-2">
              <span>
                {org.name} {org.current ? <span className="text-xs text-brand-700 dark:text-brand-100">(current)</span> : null}
              </span>
              <span className="text-slate-500">{ROLE_LABELS[org.role]}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
