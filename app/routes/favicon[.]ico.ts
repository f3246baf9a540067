import { redirect } from "@remix-run/node";

// Browsers ask for /favicon.ico whatever the page says; the icon is an SVG.
export function loader() {
  return redirect("/favicon.svg", { status: 301, headers: { "Cache-Control": "public, max-age=86400" } });
}
