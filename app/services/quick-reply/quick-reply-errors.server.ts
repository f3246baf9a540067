import { TRPCError } from "@trpc/server";
import { fieldError } from "~/services/field-error.server";

export function shortcutTaken(shortcut: string) {
  return fieldError("CONFLICT", "shortcut", `There is already a quick reply /${shortcut}.`);
}

export function quickReplyNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: "Quick reply not found." });
}
