import { TRPCError } from "@trpc/server";
import { z } from "zod";

/**
 * A refusal tied to one form field (a duplicate name, a rule about a value): the
 * form shows `message` under that field, and the status follows `code`.
 */
export function fieldError(code: "CONFLICT" | "BAD_REQUEST", field: string, message: string) {
  // Made by a real parse: zod 4 only builds a proper Error (which tRPC keeps as the cause) that way.
  const refusal = z
    .unknown()
    .superRefine((_value, ctx) => ctx.addIssue({ code: "custom", path: [field], message }))
    .safeParse(undefined).error;
  return new TRPCError({ code, message, cause: refusal });
}
