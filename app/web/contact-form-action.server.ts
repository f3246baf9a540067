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
import { duplicateFrom } from "~/domain/contact/contact-errors";
import type { ContactFormReply } from "~/domain/contact/contact-form-reply";

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
