// The contacts list view in the URL, for routes: parse it (with a message a
// person can act on when it is wrong) and build links that change one part of
// it. Browser-safe.
import type { ZodError } from "zod";
import {
  contactListParamsToInput,
  contactListSchema,
  type ContactListInput,
} from "~/domain/contact/contact-filter.schema";

export type ParsedListView = { ok: true; input: ContactListInput } | { ok: false; message: string };

/** The distinct messages of a zod error, as one sentence list. */
export function describeIssues(error: ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].join("; ");
}

export function parseListView(params: URLSearchParams): ParsedListView {
  const parsed = contactListSchema.safeParse(contactListParamsToInput(params));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, message: `This view has a problem: ${describeIssues(parsed.error)}.` };
}

/**
 * The same view with some parameters changed (`null` removes one). Changing
 * anything but the page goes back to page 1.
 */
export function viewHref(pathname: string, params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  next.delete("index"); // left in the address by a form post to the index route
  if (!("page" in changes)) next.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const search = next.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/** Only the filter part of a view (no sort, direction, page or page size). */
export function filterParamsOnly(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ["sort", "dir", "page", "perPage"]) next.delete(key);
  for (const key of [...next.keys()]) if (key.startsWith("page.")) next.delete(key);
  return next;
}
