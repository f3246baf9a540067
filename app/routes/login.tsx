import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { AuthLayout } from "~/components/auth-layout";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { signInSchema } from "~/domain/auth/sign-in.schema";
import { authenticator, SignInError } from "~/services/authenticator.server";
import { createUserSession, getAuthSession } from "~/utils/session.server";
import { safeRedirectPath } from "~/utils/request.server";
import type { FormReply } from "~/web/form-action.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getAuthSession(request)) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.clone().formData();
  const email = String(form.get("email") ?? "");
  try {
    const user = await authenticator.authenticate("password", request);
    const cookie = await createUserSession({ request, userId: user.id, organizationId: user.defaultOrganizationId });
    return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([key, value]) => [key, [value]]));
    const reply: FormReply = {
      status: "error",
      initialValue: { email },
      error: { ...fieldErrors, "": [error.message] },
    };
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return json(reply, { status: error.status, headers });
  }
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <AuthLayout title="Sign in to your workspace">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormError errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          label="Email"
          autoComplete="email"
          {...getInputProps(fields.email, { type: "email" })}
          error={fields.email.errors?.[0]}
        />
        <TextField
          label="Password"
          autoComplete="current-password"
          {...getInputProps(fields.password, { type: "password" })}
          error={fields.password.errors?.[0]}
        />
        <Button className="w-full" pending={navigation.state === "submitting"} pendingText="Signing in…">
          Sign in
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-300">
        New to Leadlane?{" "}
        <Link to="/signup" className="font-medium text-brand-700 underline dark:text-brand-100">
          Create an organization
        </Link>
      </p>
    </AuthLayout>
  );
}
