// How contact pages' actions read their forms. Like utils/form-action.server.ts,
// but with Conform's auto-coercion off: an empty input stays "" (which the
// contact schemas read as "clear this field"), a missing one stays undefined
// ("leave it alone"). A refusal comes back to the form that sent it (by
// intent), with field errors, the procedure's status, and for a duplicate the
// contact it clashes with, so the page can link to it.
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { toActionFailure } from "~/trpc/caller.server";
import { duplicateFrom } from "~/trpc/routers/contact/contact-errors";
import type { ContactFormReply } from "~/components/contact/contact-form-reply";
import { redirectWithToast } from "~/utils/toast.server";

export type ParsedContactForm<T> =
  | { ok: true; value: T; reply: (error: unknown) => Response }
  | { ok: false; response: Response };

export function parseContactForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  intent: string,
  formKey: string | null = null,
): ParsedContactForm<z.output<S>> {
  const submission = parseWithZod(formData, { schema, disableAutoCoercion: true });
  if (submission.status !== "success") {
    return {
      ok: false,
      response: json<ContactFormReply>({ intent, formKey, status: 400, result: submission.reply(), duplicate: null }, { status: 400 }),
    };
  }
  return {
    ok: true,
    value: submission.value as z.output<S>,
    reply: (error: unknown) => {
      const failure = toActionFailure(error);
      if (failure.status === 401) throw redirect("/login");
      const duplicate = duplicateFrom(error);
      const fieldErrors = Object.fromEntries(Object.entries(failure.fieldErrors).map(([key, message]) => [key, [message]]));
      if (duplicate) fieldErrors[duplicate.field] = [failure.message];
      const formErrors = duplicate || Object.keys(fieldErrors).length ? [] : [failure.message];
      return json<ContactFormReply>(
        { intent, formKey, status: failure.status, result: submission.reply({ formErrors, fieldErrors }), duplicate },
        { status: failure.status },
      );
    },
  };
}

/**
 * For one-button forms (remove a tag, mark done, merge): run, then back to `to`
 * with a toast. Refusals about the thing itself (not found, not allowed) are
 * answered with their status; other refusals come back as an error toast.
 */
export async function runAndRedirect(to: string, run: () => Promise<string>) {
  try {
    return await redirectWithToast(to, { type: "success", message: await run() });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) throw redirect("/login");
    if (failure.status === 403 || failure.status === 404) throw json({ message: failure.message }, { status: failure.status });
    return redirectWithToast(to, { type: "error", message: Object.values(failure.fieldErrors)[0] ?? failure.message });
  }
}
