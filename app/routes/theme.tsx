import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { themeSchema } from "~/utils/theme";
import { serializeTheme } from "~/utils/theme.server";
import { safeRedirectPath } from "~/utils/request.server";

const themeFormSchema = z.object({ theme: themeSchema, redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = themeFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ message: "Choose light, dark or system." }, { status: 400 });
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await serializeTheme(parsed.data.theme) },
  });
}
