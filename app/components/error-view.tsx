import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";

const TITLES: Record<number, string> = {
  400: "That request didn't look right",
  403: "You don't have access to this",
  404: "We couldn't find that",
  409: "That clashes with something that already exists",
  410: "That link is no longer valid",
  429: "Slow down a little",
};

function describe(error: unknown): { status: number; message: string } {
  if (isRouteErrorResponse(error)) {
    const data = error.data as { message?: unknown } | string | null;
    const message =
      typeof data === "string" ? data : typeof data?.message === "string" ? data.message : error.statusText;
    return { status: error.status, message };
  }
  return { status: 500, message: "Something went wrong on our side. It has been logged." };
}

/** What a route shows when its loader or action fails, with a way to try again. */
export function ErrorView() {
  const error = useRouteError();
  const location = useLocation();
  const { status, message } = describe(error);
  if (status >= 500) console.error(error);
  return (
    <div role="alert" className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <p className="text-sm font-medium text-slate-500">Error {status}</p>
      <h1 className="mt-1 text-xl font-semibold">{TITLES[status] ?? "Something went wrong"}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">{message}</p>
      <div className="mt-4 flex gap-2">
        <a href={location.pathname + location.search} className={buttonClass("primary")}>
          Try again
        </a>
        <Link to="/dashboard" className={buttonClass("secondary")}>
          Go to dashboard
        </Link>
      </div>
    </div>
  );
}
