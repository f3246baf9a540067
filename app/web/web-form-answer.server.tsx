// Answers a visitor's browser with one of the website form's own small HTML
// pages (thanks, or what went wrong), under a Content-Security-Policy that
// allows nothing but the page's own inline style.
import { createHash } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import {
  ANSWER_PAGE_CSS,
  FormProblemsPage,
  FormUnavailablePage,
  NotSentPage,
  ThanksPage,
  TryLaterPage,
  type FieldProblem,
} from "~/components/web-form-answer-page";

const STYLE_SOURCE = `'sha256-${createHash("sha256").update(ANSWER_PAGE_CSS).digest("base64")}'`;

/** No scripts, images, frames, forms or connections: only the page's own style. */
export const ANSWER_PAGE_CSP = `default-src 'none'; style-src ${STYLE_SOURCE}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export type BrowserAnswer =
  | { page: "thanks"; organizationName: string; back: URL | null }
  | { page: "problems"; organizationName: string; problems: FieldProblem[]; back: URL | null }
  | { page: "try-later"; organizationName: string; retryAfterSeconds: number }
  | { page: "unavailable" }
  | { page: "not-sent"; title: string; message: string };

function pageFor(answer: BrowserAnswer) {
  switch (answer.page) {
    case "thanks":
      return <ThanksPage organizationName={answer.organizationName} back={answer.back} />;
    case "problems":
      return <FormProblemsPage organizationName={answer.organizationName} problems={answer.problems} back={answer.back} />;
    case "try-later":
      return <TryLaterPage organizationName={answer.organizationName} retryAfterSeconds={answer.retryAfterSeconds} />;
    case "unavailable":
      return <FormUnavailablePage />;
    case "not-sent":
      return <NotSentPage title={answer.title} message={answer.message} />;
  }
}

/** The page as a response with `status`, keeping `headers` (CORS, Retry-After…). */
export function browserAnswer(answer: BrowserAnswer, status: number, headers: Record<string, string>): Response {
  const html = `<!DOCTYPE html>${renderToStaticMarkup(pageFor(answer))}`;
  return new Response(html, {
    status,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": ANSWER_PAGE_CSP },
  });
}
