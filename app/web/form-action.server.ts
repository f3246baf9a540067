// The shape every form action follows: parse the form with the procedure's own
// zod schema, call the procedure, and on refusal send the form back with field
// errors and the right status.
import { json, redirect } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { toActionFailure } from "~/trpc/caller.server";
import { redirectWithToast } from "~/utils/toast.server";

export type FormReply = SubmissionResult<string[]>;

export type ParsedForm<T> =
  | { ok: true; value: T; reply: (error: unknown) => Response }
  | { ok: false; response: Response };

/** `secretFields`: fields never sent back to the form (besides "password"), such as credentials. */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  { secretFields = [] }: { secretFields?: string[] } = {},
): ParsedForm<z.output<S>> {
  const hideFields = ["password", ...secretFields];
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return { ok: false, response: json(submission.reply({ hideFields }), { status: 400 }) };
  }
  return {
    ok: true,
    value: submission.value as z.output<S>,
    reply: (error: unknown) => {
      const failure = toActionFailure(error);
      if (failure.status === 401) throw redirect("/login");
      const fieldErrors = Object.fromEntries(Object.entries(failure.fieldErrors).map(([key, message]) => [key, [message]]));
      return json(submission.reply({ formErrors: [failure.message], fieldErrors, hideFields }), {
        status: failure.status,
      });
    },
  };
}

export type SubmitOutcome = { to: string; message: string; headers?: HeadersInit };

/**
 * For forms with fields: parse with the procedure's schema, run, then redirect
 * to `to` with a success toast. Bad input, and a refusal from the procedure,
 * come back to the form with field errors and the right status.
 */
export async function submitAndRedirect<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (value: z.output<S>) => Promise<SubmitOutcome>,
): Promise<Response> {
  return redirectAfter(parseForm(formData, schema), run);
}

/** The same for a form parsed another way (any parser answering like parseForm). */
export async function redirectAfter<T>(
  parsed: { ok: true; value: T; reply: (error: unknown) => Response } | { ok: false; response: Response },
  run: (value: T) => Promise<SubmitOutcome>,
): Promise<Response> {
  if (!parsed.ok) return parsed.response;
  try {
    const { to, message, headers } = await run(parsed.value);
    return await redirectWithToast(to, { type: "success", message }, headers ? { headers } : undefined);
  } catch (error) {
    return parsed.reply(error);
  }
}

/**
 * For one-button forms (remove a tag, mark done, merge): run, then back to `to`
 * with a toast. Refusals about the thing itself (not found, not allowed) are
 * answered with their status; other refusals come back as an error toast (on
 * `failTo` when given, for example the confirmation page that was submitted).
 */
export async function runAndRedirect(to: string, run: () => Promise<string>, { failTo = to }: { failTo?: string } = {}) {
  try {
    return await redirectWithToast(to, { type: "success", message: await run() });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) throw redirect("/login");
    if (failure.status === 403 || failure.status === 404) throw json({ message: failure.message }, { status: failure.status });
    return redirectWithToast(failTo, { type: "error", message: Object.values(failure.fieldErrors)[0] ?? failure.message });
  }
}
