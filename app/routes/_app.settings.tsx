import type { MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { ErrorView } from "~/components/error-view";

export const meta: MetaFunction = () => [{ title: "Settings · Leadlane" }];

const TABS = [
  { to: "/settings", label: "Organization", end: true },
  { to: "/settings/members", label: "Members", end: false },
  { to: "/settings/tags", label: "Tags", end: false },
  { to: "/settings/fields", label: "Custom fields", end: false },
  { to: "/settings/pipeline", label: "Deal pipeline", end: false },
  { to: "/settings/products", label: "Products", end: false },
  { to: "/settings/payments", label: "Payments", end: false },
  { to: "/settings/channels", label: "Channels", end: false },
  { to: "/settings/quick-replies", label: "Quick replies", end: false },
  { to: "/settings/templates", label: "Templates", end: false },
  { to: "/settings/opt-out", label: "Opt-out", end: false },
  { to: "/settings/forms", label: "Web forms", end: false },
  { to: "/settings/security", label: "Security", end: false },
];

export default function SettingsLayout() {
  return (
    <div className="max-w-4xl">
      <PageHeader title="Settings" />
      {/* Tabs wrap onto a second line on a phone rather than scroll: the active one is always in sight, with or without JavaScript. */}
      <nav aria-label="Settings" className="mb-6 flex flex-wrap gap-x-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) =>
              `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                isActive ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-slate-600 dark:text-slate-300"
              }`
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
