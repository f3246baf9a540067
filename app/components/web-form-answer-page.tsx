// The small pages a website form's endpoint answers a visitor's browser with,
// after a plain HTML form post: thanks, or what went wrong. They stand alone
// (no app styles or scripts, nothing else to load) and are rendered to static
// HTML on the server, so every text, the organization's name included, is escaped.
import type { ReactNode } from "react";
import { countOf } from "~/utils/format";

/** Inline, allowed by its hash in the page's own Content-Security-Policy. */
export const ANSWER_PAGE_CSS = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5}
body{margin:0;padding:24px 16px;background:#f8fafc;color:#0f172a}
main{box-sizing:border-box;max-width:32rem;margin:0 auto;padding:24px 20px;background:#fff;border:1px solid #e2e8f0;border-radius:12px;overflow-wrap:anywhere}
h1{margin:0 0 12px;font-size:1.375rem;line-height:1.3}
p,ul{margin:0 0 12px}
ul{padding-left:1.25rem}
.from{margin-bottom:4px;color:#475569;font-size:.875rem;font-weight:600}
.note{color:#475569;font-size:.875rem}
a{color:#1d4ed8}
.action{display:inline-block;margin-top:4px;padding:10px 16px;border-radius:8px;background:#0f172a;color:#fff;font-weight:600;text-decoration:none}
@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}main{background:#0f172a;border-color:#1e293b}.from,.note{color:#94a3b8}a{color:#93c5fd}.action{background:#e2e8f0;color:#0f172a}}
`.trim();

type PageProps = { title: string; organizationName?: string | null; children: ReactNode };

function AnswerPage({ title, organizationName, children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{organizationName ? `${title} · ${organizationName}` : title}</title>
        <style dangerouslySetInnerHTML={{ __html: ANSWER_PAGE_CSS }} />
      </head>
      <body>
        <main>
          {organizationName ? <p className="from">{organizationName}</p> : null}
          {children}
        </main>
      </body>
    </html>
  );
}

/** A link back to the page that posted the form (only ever a safe address; see returnAddress). */
function BackLink({ to, children }: { to: URL | null; children: ReactNode }) {
  if (!to) return null;
  return (
    <p>
      <a className="action" href={to.toString()}>
        {children}
      </a>
    </p>
  );
}

export function ThanksPage({ organizationName, back }: { organizationName: string; back: URL | null }) {
  return (
    <AnswerPage title="Thank you" organizationName={organizationName}>
      <h1>Thank you!</h1>
      <p>{organizationName} has received your details and will be in touch soon.</p>
      <BackLink to={back}>Back to {back?.host}</BackLink>
    </AnswerPage>
  );
}

export type FieldProblem = { label: string; message: string };

export function FormProblemsPage({ organizationName, problems, back }: { organizationName: string; problems: FieldProblem[]; back: URL | null }) {
  return (
    <AnswerPage title="Check the form" organizationName={organizationName}>
      <h1>Please check the form</h1>
      <p>Nothing was sent yet. {problems.length === 1 ? "One thing needs fixing:" : "These need fixing:"}</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem.label}>
            <strong>{problem.label}:</strong> {problem.message}
          </li>
        ))}
      </ul>
      <BackLink to={back}>Back to the form</BackLink>
      <p className="note">Your browser&apos;s Back button returns to the form with what you typed.</p>
    </AnswerPage>
  );
}

export function TryLaterPage({ organizationName, retryAfterSeconds }: { organizationName: string; retryAfterSeconds: number }) {
  return (
    <AnswerPage title="Try again later" organizationName={organizationName}>
      <h1>Please try again in a moment</h1>
      <p>
        Too many submissions came from your network in a short time, so this one wasn&apos;t sent. Try again in{" "}
        {countOf(retryAfterSeconds, "second")}.
      </p>
      <p className="note">Your browser&apos;s Back button returns to the form with what you typed.</p>
    </AnswerPage>
  );
}

export function FormUnavailablePage() {
  return (
    <AnswerPage title="Form not available">
      <h1>This form isn&apos;t available</h1>
      <p>It doesn&apos;t exist any more or its owner has switched it off, so nothing was sent.</p>
    </AnswerPage>
  );
}

/** Any other refusal: the post can't be used as it is (unreadable, too large, from a website the form doesn't accept). */
export function NotSentPage({ title, message }: { title: string; message: string }) {
  return (
    <AnswerPage title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p className="note">Nothing was sent.</p>
    </AnswerPage>
  );
}
