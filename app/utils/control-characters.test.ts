import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import {
  controlCharacterMessage,
  findControlCharacter,
  normalizeInputLineBreaks,
  stripControlCharacters,
  withoutControlCharacters,
} from "~/utils/control-characters";

describe("control characters", () => {
  test("are found wherever they hide in an input, with the path to them and which character", () => {
    expect(findControlCharacter("plain")).toBeNull();
    expect(findControlCharacter({ name: "Asha", tags: ["a", "b"], when: new Date(), n: 3, none: null })).toBeNull();
    expect(findControlCharacter("a\u0000b")).toEqual({ path: "", codePoint: "U+0000" });
    expect(findControlCharacter({ name: "Asha\u0001" })).toEqual({ path: "name", codePoint: "U+0001" });
    expect(findControlCharacter({ customFields: { city: "Pu\u001bne" } })).toEqual({ path: "customFields.city", codePoint: "U+001B" });
    expect(findControlCharacter({ ids: ["ok", "bad\u007f"] })).toEqual({ path: "ids.1", codePoint: "U+007F" });
    expect(findControlCharacter({ note: "caf\u0085" })).toEqual({ path: "note", codePoint: "U+0085" });
    expect(findControlCharacter({ note: "x\u009f" })).toEqual({ path: "note", codePoint: "U+009F" });
    expect(findControlCharacter({ ["k\u0002"]: "v" })).toEqual({ path: "k", codePoint: "U+0002" });
  });

  test("tab, newline and a textarea's CRLF are text; so is everything printable past C1", () => {
    expect(findControlCharacter({ note: "line one\r\nline two\n\tindented\rold mac" })).toBeNull();
    expect(findControlCharacter({ name: "Zoë Ñandú ₹ नमस्ते \u00a0 😀 \u200d" })).toBeNull();
  });

  test("line breaks are normalised to LF; other values, dates and bytes are left as they are", () => {
    const bytes = new Uint8Array([13, 10]);
    const when = new Date();
    const input = { body: "a\r\nb\rc\nd", nested: [{ text: "x\r\n" }], bytes, when, n: 1 };
    expect(normalizeInputLineBreaks(input)).toEqual({ body: "a\nb\nc\nd", nested: [{ text: "x\n" }], bytes, when, n: 1 });
    expect(normalizeInputLineBreaks(input).bytes).toBe(bytes);
    const unchanged = { body: "no breaks", list: ["a"] };
    expect(normalizeInputLineBreaks(unchanged)).toBe(unchanged);
  });

  test("the message names the field and the character", () => {
    expect(controlCharacterMessage({ path: "name", codePoint: "U+0001" })).toBe(
      "name contains an invisible control character (U+0001). Remove it and try again.",
    );
    expect(controlCharacterMessage({ path: "", codePoint: "U+0000" })).toBe("The text contains a null character (U+0000). Remove it and try again.");
  });

  test("are removed from website form fields, keys and values, keeping tabs and line breaks", () => {
    expect(stripControlCharacters({ name: "Nul\u0000 By\u0001te\u007f", ["ci\u0000ty"]: "Pu\u009bne", message: "hi\r\nthere\tyou" })).toEqual({
      name: "Nul Byte",
      city: "Pune",
      message: "hi\nthere\tyou",
    });
    expect(withoutControlCharacters("\u001b[31mred\u001b[0m")).toBe("[31mred[0m");
  });

  test("every procedure refuses them with a message naming the field, and nothing is saved", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const before = await contactRows(w.organizationId);
    const cases: Array<[string, () => Promise<unknown>, string]> = [
      ["SOH in a name", () => admin.contact.create({ name: "Asha\u0001", phone: "98765 11112" } as never), "name contains an invisible control character (U+0001)"],
      ["NUL in a name", () => admin.contact.create({ name: "Null\u0000Byte", phone: "98765 11111" } as never), "name contains a null character (U+0000)"],
      ["DEL in an email", () => admin.contact.create({ name: "Asha", phone: "98765 11113", email: "a\u007f@example.in" } as never), "email contains an invisible control character (U+007F)"],
      ["C1 in a custom field", () => admin.contact.create({ name: "Asha", phone: "98765 11114", customFields: { city: "Pune\u0085" } } as never), "customFields.city contains an invisible control character (U+0085)"],
      ["ESC in a tag", () => admin.tag.create({ name: "vip\u001b" } as never), "name contains an invisible control character (U+001B)"],
    ];
    for (const [label, call, message] of cases) {
      const refused = await expectTRPCError(call(), "BAD_REQUEST");
      expect(refused.message, label).toBe(`${message}. Remove it and try again.`);
    }
    const search = await expectTRPCError(admin.contacts.list({ filter: { q: "\u0007" } } as never), "BAD_REQUEST");
    expect(search.message).toContain("control character (U+0007)");
    expect(await contactRows(w.organizationId)).toEqual(before);
  });

  test("a note typed in a textarea (CRLF) is saved with plain line breaks", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const contact = await admin.contact.create({ name: "Asha", phone: "98765 11115" } as never);
    await admin.contact.addNote({ id: contact.id, body: "First line\r\nSecond line\r\n\tindented" });
    const note = await prisma.note.findFirstOrThrow({ where: { organizationId: w.organizationId, contactId: contact.id } });
    expect(note.body).toBe("First line\nSecond line\n\tindented");
  });
});

async function contactRows(organizationId: string) {
  const [contacts, tags, notes, events] = await Promise.all([
    prisma.contact.count({ where: { organizationId } }),
    prisma.tag.count({ where: { organizationId } }),
    prisma.note.count({ where: { organizationId } }),
    prisma.contactEvent.count({ where: { organizationId } }),
  ]);
  return { contacts, tags, notes, events };
}
