// What the pipeline commands share: a stage name is the pipeline's only one
// (ignoring case), and a missing stage reads the same everywhere.
import { TRPCError } from "@trpc/server";
import { fieldError } from "~/services/field-error.server";

export const STAGE_NOT_FOUND = "Stage not found.";

export function stageNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: STAGE_NOT_FOUND });
}

export function stageNameTaken(name: string) {
  return fieldError("CONFLICT", "name", `There is already a stage called “${name}”.`);
}
