// Tag names are unique per organization (the schema lowercases them, so "VIP" and "vip" are one tag).
import { TRPCError } from "@trpc/server";

export const TAG_NOT_FOUND = "Tag not found.";

export function tagNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: TAG_NOT_FOUND });
}

export function tagNameTaken(name: string) {
  return new TRPCError({ code: "CONFLICT", message: `There is already a tag called "${name}".` });
}
