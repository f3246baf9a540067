import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/_app";
import { DEFAULT_TIME_ZONE } from "~/utils/clock";

/** The signed-in person and their current organization, for any page inside the app. */
export function useAppData() {
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  if (!data) throw new Error("useAppData must be used inside the app layout");
  return data;
}

/** The current organization's time zone, in which every time on the page is shown. */
export function useTimeZone(): string {
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  return data?.organization?.timeZone ?? DEFAULT_TIME_ZONE;
}
