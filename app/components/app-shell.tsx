import { Form, NavLink, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { Role } from "~/utils/permissions";
import { ROLE_LABELS } from "~/utils/permissions";
import type { Theme } from "~/utils/theme";
import { NEXT_THEME } from "~/utils/theme";
import type { LiveStatus } from "~/components/live/live-connection";
import { NotificationBell, UnreadBadge } from "~/components/notification/notification-bell";
import type { ShellBadges } from "~/components/notification/use-shell-badges";

export type ShellUser = { name: string; email: string };
export type ShellOrganization = { id: string; name: string; role: Role; current: boolean };

const NAV: Array<{ to: string; label: string; badge?: keyof ShellBadges }> = [
  { to: "/inbox", label: "Inbox", badge: "inbox" },
  { to: "/dashboard", label: "Dashboard" },
  { to: "/contacts", label: "Contacts" },
  { to: "/payments", label: "Payments" },
  { to: "/board", label: "Board" },
  { to: "/follow-ups", label: "Follow-ups" },
  { to: "/companies", label: "Companies" },
  { to: "/deals", label: "Deals" },
  { to: "/imports", label: "Imports" },
  { to: "/outbox", label: "Sandbox outbox" },
  { to: "/simulator", label: "Phone simulator" },
  { to: "/settings", label: "Settings" },
];

const THEME_LABELS: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

function NavItems({ badges }: { badges: ShellBadges | null }) {
  return (
    <ul className="space-y-1">
      {NAV.map((item) => (
        <li key={item.to}>
          <NavLink
            to={item.to}
            prefetch="intent"
            className={({ isActive }) =>
              `block rounded-md px-3 py-2 text-sm font-medium ${
                isActive
                  ? "bg-brand-50 text-brand-700 dark:bg-brand-900/40 dark:text-brand-100"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
              }`
            }
          >
            <span className="flex items-center justify-between gap-2">
              {item.label}
              {item.badge && badges ? <UnreadBadge count={badges[item.badge]} label="unread conversations" testId="nav-inbox-unread" /> : null}
            </span>
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

function OrganizationSwitcher({ organizations, idPrefix }: { organizations: ShellOrganization[]; idPrefix: string }) {
  const submit = useSubmit();
  const location = useLocation();
  const current = organizations.find((organization) => organization.current);
  const id = `${idPrefix}-organizationId`;
  return (
    <Form method="post" action="/orgs/switch" className="space-y-2">
      <input type="hidden" name="redirectTo" value={location.pathname} />
      <label htmlFor={id} className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
        Organization
      </label>
      <select
        // Remount when the current organization changes, so the selection follows it.
        key={current?.id}
        id={id}
        name="organizationId"
        defaultValue={current?.id}
        onChange={(event) => submit(event.currentTarget.form)}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name} ({ROLE_LABELS[organization.role]})
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
          Switch
        </button>
      </noscript>
    </Form>
  );
}

function AccountActions({ user, theme }: { user: ShellUser; theme: Theme }) {
  const location = useLocation();
  return (
    <div className="space-y-2 border-t border-slate-200 pt-4 text-sm dark:border-slate-800">
      <p className="truncate font-medium">{user.name}</p>
      <p className="truncate text-xs text-slate-500">{user.email}</p>
      <div className="flex flex-wrap gap-2">
        <Form method="post" action="/theme">
          <input type="hidden" name="theme" value={NEXT_THEME[theme]} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            {THEME_LABELS[theme]} → {THEME_LABELS[NEXT_THEME[theme]].replace(" theme", "")}
          </button>
        </Form>
        <Form method="post" action="/logout">
          <button type="submit" className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            Sign out
          </button>
        </Form>
      </div>
    </div>
  );
}

function SidebarBody(props: { user: ShellUser; theme: Theme; organizations: ShellOrganization[]; idPrefix: string; badges: ShellBadges | null }) {
  return (
    <div className="flex h-full flex-col gap-6">
      <OrganizationSwitcher organizations={props.organizations} idPrefix={props.idPrefix} />
      <nav aria-label="Main" className="flex-1">
        <NavItems badges={props.badges} />
      </nav>
      <AccountActions user={props.user} theme={props.theme} />
    </div>
  );
}

export function AppShell(props: {
  user: ShellUser;
  theme: Theme;
  organizations: ShellOrganization[];
  liveIndicator?: ReactNode;
  /** The inbox's unread conversations and the bell's unread notifications (none outside an organization). */
  badges?: ShellBadges | null;
  children: ReactNode;
}) {
  const badges = props.badges ?? null;
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  // With JavaScript, close the phone menu once a link in it has been followed.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname, location.search]);
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
      {/* Phones: a menu that opens without JavaScript. */}
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95 lg:hidden">
        <details ref={menu} className="group">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3">
            <span className="text-lg font-bold text-brand-700 dark:text-brand-100">Leadlane</span>
            <span className="flex items-center gap-3">
              {props.liveIndicator}
              {badges ? <NotificationBell count={badges.notifications} /> : null}
              <span className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-700">
                <span className="group-open:hidden">Menu</span>
                <span className="hidden group-open:inline">Close</span>
              </span>
            </span>
          </summary>
          <div className="border-t border-slate-200 p-4 dark:border-slate-800">
            <SidebarBody user={props.user} theme={props.theme} organizations={props.organizations} idPrefix="menu" badges={badges} />
          </div>
        </details>
      </header>
      <aside className="hidden border-r border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 lg:block">
        <div className="sticky top-4 flex h-[calc(100vh-2rem)] flex-col gap-6 overflow-y-auto">
          <div className="flex items-center justify-between">
            <span className="text-lg font-bold text-brand-700 dark:text-brand-100">Leadlane</span>
            <span className="flex items-center gap-3">
              {props.liveIndicator}
              {badges ? <NotificationBell count={badges.notifications} /> : null}
            </span>
          </div>
          <SidebarBody user={props.user} theme={props.theme} organizations={props.organizations} idPrefix="sidebar" badges={badges} />
        </div>
      </aside>
      <main className="min-w-0 p-4 sm:p-6 lg:p-8">{props.children}</main>
    </div>
  );
}

/** Whether live updates arrive. Without JavaScript there are none, and it says so (never "Connecting"). */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  if (status === "off") {
    return (
      <noscript>
        <span className="text-xs leading-tight text-slate-500" data-testid="live-status">
          Live updates need JavaScript
        </span>
      </noscript>
    );
  }
  const color = status === "live" ? "bg-emerald-500" : status === "connecting" ? "bg-amber-400" : "bg-slate-400";
  const label = status === "live" ? "Live" : status === "connecting" ? "Connecting" : "Offline";
  return (
    <span className="flex items-center gap-1 text-xs text-slate-500" title={`Live updates: ${label}`}>
      <span className={`h-2 w-2 rounded-full ${color}`} aria-hidden />
      <span className="sr-only">Live updates: </span>
      {label}
    </span>
  );
}
