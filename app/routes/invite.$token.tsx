import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { AuthLayout } from "~/components/auth-layout";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { acceptInvitationSchema, signUpWithInvitationSchema } from "~/trpc/routers/invitation/accept.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { createUserSession } from "~/utils/session.server";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Join your team · Leadlane" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = acceptInvitationSchema.safeParse({ token: params.token });
  if (!parsed.success) throw json({ message: "This invitation link is not valid." }, { status: 404 });
  const { caller } = await getCaller(request);
  const invitation = await loaderCall(request, () => caller.invitation.preview(parsed.data));
  return json({ invitation }, { status: invitation.problem ? 410 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  form.set("token", params.token ?? "");
  const { caller } = await getCaller(request);
  const joined = (organizationName: string) => ({ to: "/dashboard", message: `Welcome to ${organizationName}!` });
  if (form.get("intent") === "accept") {
    return submitAndRedirect(form, acceptInvitationSchema, async (value) => {
      const result = await caller.invitation.accept(value);
      return joined(result.organizationName);
    });
  }
  return submitAndRedirect(form, signUpWithInvitationSchema, async (value) => {
    const result = await caller.invitation.signUpAndAccept(value);
    const cookie = await createUserSession({ request, userId: result.userId, organizationId: result.organizationId });
    return { ...joined(result.organizationName), headers: { "Set-Cookie": cookie } };
  });
}

function CreateAccountForm({ email }: { email: string }) {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: signUpWithInvitationSchema.omit({ token: true }) }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormError errors={form.errors} />
      <TextField id="invite-email" label="Email" value={email} readOnly disabled />
      <TextField label="Your name" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
      <TextField
        label="Choose a password"
        autoComplete="new-password"
        hint="At least 10 characters."
        {...getInputProps(fields.password, { type: "password" })}
        error={fields.password.errors?.[0]}
      />
      <Button className="w-full" pending={navigation.state === "submitting"} pendingText="Joining…">
        Create account and join
      </Button>
    </Form>
  );
}

export default function InvitationPage() {
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const params = useParams();
  const title = `Join ${invitation.organizationName}`;
  const subtitle = `${invitation.invitedByName} invited ${invitation.email} as ${ROLE_LABELS[invitation.role]}.`;
  if (invitation.problem) {
    return (
      <AuthLayout title={title}>
        <p role="alert" className="text-sm">{invitation.problem}</p>
        <Link to="/login" className="mt-4 inline-block text-sm font-medium underline">
          Go to sign in
        </Link>
      </AuthLayout>
    );
  }
  if (invitation.signedInAs) {
    const matches = invitation.signedInAs === invitation.email;
    return (
      <AuthLayout title={title} subtitle={subtitle}>
        <Form method="post" className="space-y-4">
          <FormError errors={actionData?.error?.[""] ?? null} />
          {matches ? null : (
            <p role="alert" className="text-sm">
              You are signed in as {invitation.signedInAs}. This invitation is for {invitation.email}: sign out and sign
              in with that address to accept it.
            </p>
          )}
          <input type="hidden" name="intent" value="accept" />
          <Button className="w-full" disabled={!matches} pending={navigation.state === "submitting"} pendingText="Joining…">
            Accept invitation
          </Button>
        </Form>
      </AuthLayout>
    );
  }
  if (invitation.accountExists) {
    const back = `/invite/${params.token ?? ""}`;
    return (
      <AuthLayout title={title} subtitle={subtitle}>
        <p className="text-sm">You already have a Leadlane account. Sign in as {invitation.email} to accept.</p>
        <Link to={`/login?redirectTo=${encodeURIComponent(back)}`} className="mt-4 inline-block text-sm font-medium underline">
          Sign in to accept
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={title} subtitle={subtitle}>
      <CreateAccountForm email={invitation.email} />
    </AuthLayout>
  );
}
