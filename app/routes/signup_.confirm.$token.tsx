// GET /signup/confirm/:token — the link from the sign-up email; POST creates
// the account and organization (never a GET: mail scanners open links).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { SIGN_UP_LINK_GONE } from "~/services/sign-up.server";
import { confirmSignUpSchema } from "~/trpc/routers/auth/confirm-sign-up.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { redirectAfter, parseForm, type FormReply } from "~/web/form-action.server";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Create your organization · Leadlane" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = confirmSignUpSchema.safeParse({ token: params.token });
  if (!parsed.success) throw json({ message: SIGN_UP_LINK_GONE }, { status: 404 });
  const { caller } = await getCaller(request);
  return json({ signUp: await loaderCall(request, () => caller.auth.signUpPreview(parsed.data)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  form.set("token", params.token ?? "");
  const { caller } = await getCaller(request);
  return redirectAfter(parseForm(form, confirmSignUpSchema), async (value) => {
    const created = await caller.auth.confirmSignUp(value);
    const cookie = await createUserSession({ request, userId: created.userId, organizationId: created.organizationId });
    return { to: "/dashboard", message: `Welcome! ${created.organizationName} is ready.`, headers: { "Set-Cookie": cookie } };
  });
}

export default function ConfirmSignUpPage() {
  const { signUp } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  return (
    <AuthLayout title={`Create ${signUp.organizationName}`} subtitle={`As ${signUp.name} (${signUp.email}), its owner.`}>
      <Form method="post" className="space-y-4">
        <FormError errors={reply?.error?.[""] ?? null} />
        <Button className="w-full" pending={navigation.state === "submitting"} pendingText="Creating…">
          Create organization
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="underline">
          Already have an account? Sign in
        </Link>
      </p>
    </AuthLayout>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const gone = isRouteErrorResponse(error) && error.status === 404;
  if (!gone) console.error(error);
  return (
    <AuthLayout title={gone ? "This link no longer works" : "Something went wrong"}>
      <p role="alert" className="text-sm">
        {gone ? SIGN_UP_LINK_GONE : "Something went wrong on our side. It has been logged; try the link again in a moment."}
      </p>
      <Link to="/signup" className="mt-4 inline-block text-sm font-medium underline">
        Sign up again
      </Link>
    </AuthLayout>
  );
}
