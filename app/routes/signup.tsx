import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { AuthLayout } from "~/components/auth-layout";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { signUpSchema } from "~/domain/auth/sign-up.schema";
import { getCaller } from "~/trpc/caller.server";
import { parseForm } from "~/web/form-action.server";
import { getAuthSession } from "~/utils/session.server";
import { rememberSentSignUp } from "~/web/sign-up-cookie.server";

export const meta: MetaFunction = () => [{ title: "Create your organization · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuthSession(request)) throw redirect("/dashboard");
  return json({});
}

/**
 * Every accepted sign-up gets the same answer, "check your email", whether or
 * not the address has an account; the email says what happens next.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(form, signUpSchema);
  if (!parsed.ok) return parsed.response;
  const { caller } = await getCaller(request);
  try {
    const sent = await caller.auth.signUp(parsed.value);
    const cookie = await rememberSentSignUp({ id: sent.requestId, email: sent.email });
    return redirect("/signup/sent", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return parsed.reply(error);
  }
}

export default function SignUpPage() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
  });
  return (
    <AuthLayout title="Create your organization" subtitle="You'll be its owner and can invite your team next.">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormError errors={form.errors} />
        <TextField label="Your name" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
        <TextField label="Work email" autoComplete="email" {...getInputProps(fields.email, { type: "email" })} error={fields.email.errors?.[0]} />
        <TextField
          label="Password"
          autoComplete="new-password"
          hint="At least 10 characters."
          {...getInputProps(fields.password, { type: "password" })}
          error={fields.password.errors?.[0]}
        />
        <TextField
          label="Organization name"
          autoComplete="organization"
          {...getInputProps(fields.organizationName, { type: "text" })}
          error={fields.organizationName.errors?.[0]}
        />
        <Button className="w-full" pending={navigation.state === "submitting"} pendingText="Creating…">
          Create organization
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-300">
        Already have an account?{" "}
        <Link to="/login" className="font-medium text-brand-700 underline dark:text-brand-100">
          Sign in
        </Link>
      </p>
    </AuthLayout>
  );
}
