// Errors contact procedures raise, shaped so routes can show them next to the
// right field. Browser-safe types; the classes are only thrown on the server.
import { TRPCError } from "@trpc/server";
import { z } from "zod";

/**
 * A BAD_REQUEST whose cause is a ZodError, so callers get field errors exactly
 * as for schema failures. (The error comes from a parse: zod 4's ZodError is
 * only a real Error when zod raises it.)
 */
export function fieldErrors(errors: Record<string, string>): TRPCError {
  const failing = z.unknown().superRefine((_value, ctx) => {
    for (const [path, message] of Object.entries(errors)) ctx.addIssue({ code: "custom", path: path.split("."), message });
  });
  const result = failing.safeParse(null);
  return new TRPCError({ code: "BAD_REQUEST", message: "Check the highlighted fields.", cause: result.error });
}

export type DuplicateContact = { id: string; name: string; field: "phone" | "email" };

/** The cause of a CONFLICT when the phone or email already belongs to another contact. */
export class DuplicateContactError extends Error {
  constructor(readonly contact: DuplicateContact) {
    super(
      contact.field === "phone"
        ? `${contact.name} already has this phone number.`
        : `${contact.name} already has this email address.`,
    );
    this.name = "DuplicateContactError";
  }
}

export function duplicateContactError(contact: DuplicateContact): TRPCError {
  const cause = new DuplicateContactError(contact);
  return new TRPCError({ code: "CONFLICT", message: cause.message, cause });
}

/** The duplicate behind a refusal, if that is what it was. */
export function duplicateFrom(error: unknown): DuplicateContact | null {
  if (error instanceof TRPCError && error.cause instanceof DuplicateContactError) return error.cause.contact;
  return null;
}
