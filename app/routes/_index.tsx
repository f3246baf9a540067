import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuthSession } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getAuthSession(request)) ? "/dashboard" : "/login");
}
