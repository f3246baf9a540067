// The refusals the product commands share, worded for the admin who sees them.
import { TRPCError } from "@trpc/server";
import { fieldError } from "~/services/field-error.server";

export function productNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: "Product not found." });
}

/** `name` as the product that holds it spells it. */
export function productNameTaken(name: string) {
  return fieldError("CONFLICT", "name", `There is already a product called “${name}”. Choose another name.`);
}
