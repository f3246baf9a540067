import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { switchOrganizationSchema } from "~/trpc/routers/organization/switch.schema";
import { actionFailure, getCaller } from "~/trpc/caller.server";
import { safeRedirectPath } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader() {
  return redirect("/dashboard");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  try {
    const organization = await caller.organization.switch(switchOrganizationSchema.parse(Object.fromEntries(form)));
    // Pages under one organization's ids make no sense in another; land on the section root.
    const section = safeRedirectPath(form.get("redirectTo")).split("/").slice(0, 2).join("/") || "/dashboard";
    return redirectWithToast(section, { type: "info", message: `Switched to ${organization.name}.` });
  } catch (error) {
    return actionFailure(error);
  }
}
