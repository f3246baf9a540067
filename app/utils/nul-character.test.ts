import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { findNulCharacter, withoutNulCharacters } from "~/utils/nul-character";

describe("NUL characters", () => {
  test("are found wherever they hide in an input, with the path to them", () => {
    expect(findNulCharacter("plain")).toBeNull();
    expect(findNulCharacter({ name: "Asha", tags: ["a", "b"], when: new Date(), n: 3, none: null })).toBeNull();
    expect(findNulCharacter("a\u0000b")).toBe("");
    expect(findNulCharacter({ name: "Nul\u0000x" })).toBe("name");
    expect(findNulCharacter({ customFields: { city: "Pu\u0000ne" } })).toBe("customFields.city");
    expect(findNulCharacter({ ids: ["ok", "bad\u0000"] })).toBe("ids.1");
    expect(findNulCharacter({ ["k\u0000"]: "v" })).toBe("k\u0000");
  });

  test("are dropped from website form fields, keys and values", () => {
    expect(withoutNulCharacters({ name: "Nul\u0000 Byte", ["ci\u0000ty"]: "Pune" })).toEqual({ name: "Nul Byte", city: "Pune" });
  });

  test("every procedure refuses them with a clear message instead of a database error, and nothing is saved", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const before = await prisma.contact.count({ where: { organizationId: w.organizationId } });
    const refused = await expectTRPCError(admin.contact.create({ name: "Null\u0000Byte", phone: "98765 11111" } as never), "BAD_REQUEST");
    expect(refused.message).toBe("Text can't contain a null character (name). Remove it and try again.");
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(before);
    const search = await expectTRPCError(admin.contacts.list({ filter: { q: "\u0000" } } as never), "BAD_REQUEST");
    expect(search.message).toContain("null character");
  });
});
