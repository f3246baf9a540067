import { expect, test } from "vitest";
import { toActionFailure } from "~/trpc/caller.server";
import { fieldError } from "~/services/field-error.server";

test("a field refusal reaches the form as that field's error, with the refusal's status", () => {
  expect(toActionFailure(fieldError("CONFLICT", "name", "A company called “Acme” already exists."))).toEqual({
    ok: false,
    status: 409,
    message: "Check the highlighted fields.",
    fieldErrors: { name: "A company called “Acme” already exists." },
  });
});
