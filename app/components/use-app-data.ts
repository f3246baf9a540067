import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/_app";

/** The signed-in person and their current organization, for any page inside the app. */
export function useAppData() {
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  if (!data) throw new Error("useAppData must be used inside the app layout");
  return data;
}
