import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import stylesheet from "~/tailwind.css";
import { readTheme } from "~/utils/theme.server";
import { readToast } from "~/utils/toast.server";
import { useNonce } from "~/utils/nonce";
import { Toaster } from "~/components/toaster";
import { GlobalPendingBar } from "~/components/global-pending-bar";
import { ErrorView } from "~/components/error-view";
import { LiveEventsProvider } from "~/components/live/live-events";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Leadlane" },
  { name: "description", content: "WhatsApp-first sales CRM" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [theme, { toast, setCookie }] = await Promise.all([readTheme(request), readToast(request)]);
  return json({ theme, toast }, { headers: setCookie ? { "Set-Cookie": setCookie } : undefined });
}

function Document({ children, themeClass }: { children: ReactNode; themeClass: string }) {
  const nonce = useNonce();
  // Marks the page once JavaScript has taken it over, so a browser test can
  // wait for that before it clicks a widget whose state React owns.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="en" className={themeClass}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { theme, toast } = useLoaderData<typeof loader>();
  return (
    <Document themeClass={theme === "system" ? "" : theme}>
      <GlobalPendingBar />
      {/* First in the page: without JavaScript it reads at the top instead of floating over the content. */}
      <Toaster toast={toast} />
      <LiveEventsProvider>
        <Outlet />
      </LiveEventsProvider>
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  const theme = data?.theme ?? "system";
  return (
    <Document themeClass={theme === "system" ? "" : theme}>
      <main className="mx-auto max-w-xl p-6">
        <ErrorView />
      </main>
    </Document>
  );
}
