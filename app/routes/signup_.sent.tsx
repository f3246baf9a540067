// GET /signup/sent — "check your email", the one answer to every sign-up.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { SIGN_UP_LINK_HOURS, sandboxSignUpEmail } from "~/services/sign-up.server";
import { prisma } from "~/utils/db.server";
import { providerModes } from "~/utils/env.server";
import { readSentSignUp } from "~/web/sign-up-cookie.server";

export const meta: MetaFunction = () => [{ title: "Check your email · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const sent = await readSentSignUp(request);
  if (!sent) throw redirect("/signup");
  const sandbox = providerModes().email === "sandbox";
  const email = sandbox ? await sandboxSignUpEmail(prisma, sent.id) : null;
  return json({ email: sent.email, sandbox, sandboxEmail: email ? { subject: email.subject, body: email.body } : null });
}

/** The email's text with its addresses as links. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part} className="break-all font-medium underline">
            {part}
          </a>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

export default function SignUpSentPage() {
  const { email, sandbox, sandboxEmail } = useLoaderData<typeof loader>();
  return (
    <AuthLayout title="Check your email" subtitle={`We sent an email to ${email}.`}>
      <div className="space-y-4 text-sm">
        <p>Open the link in it to finish creating your organization. The link works for {SIGN_UP_LINK_HOURS} hours.</p>
        <p className="text-slate-600 dark:text-slate-300">
          Nothing arrived? Check your spam folder, or{" "}
          <Link to="/signup" className="font-medium underline">
            sign up again
          </Link>
          .
        </p>
        {sandbox ? (
          <section aria-label="Sandbox email" className="rounded border border-dashed border-slate-300 p-3 dark:border-slate-700">
            <p className="font-medium">Sandbox mode: no email leaves this machine. This is the email that was sent:</p>
            {sandboxEmail ? (
              <>
                <p className="mt-2 font-semibold">{sandboxEmail.subject}</p>
                <p data-testid="sandbox-signup-email" className="mt-1 whitespace-pre-wrap">
                  <Linked text={sandboxEmail.body} />
                </p>
              </>
            ) : (
              <p className="mt-2">
                It is on its way.{" "}
                <Link to="/signup/sent" className="font-medium underline">
                  Reload
                </Link>{" "}
                in a moment.
              </p>
            )}
          </section>
        ) : null}
      </div>
    </AuthLayout>
  );
}
