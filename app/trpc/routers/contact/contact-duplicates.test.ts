// "Find duplicates": the same last 10 digits, the same email, or (asked for)
// a similar name by trigram similarity, within the organization only.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact } from "../../../../prisma/factories";

type World = Awaited<ReturnType<typeof contactWorld>>;

let phones = 0;
const contact = (w: World, name: string, extra: { email?: string; organizationId?: string } = {}) => {
  phones += 1;
  return createContact(prisma, {
    organizationId: extra.organizationId ?? w.organizationId,
    name,
    phone: `+9190000${String(phones).padStart(5, "0")}`,
    email: extra.email ?? null,
  });
};

describe("contact.duplicates with similar names", () => {
  test("similar names are listed after phone and email matches, most similar first; unrelated names are not", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const priya = await contact(w, "Priya Sharma", { email: "priya@example.com" });
    const sameEmail = await contact(w, "P. S.");
    await prisma.contactIdentity.create({ data: { organizationId: w.organizationId, contactId: sameEmail.id, kind: "EMAIL", value: "priya@example.com" } });
    const typo = await contact(w, "Pria Sharma");
    const shuffled = await contact(w, "sharma priya");
    const short = await contact(w, "Priya S");
    await contact(w, "Rahul Verma");
    await contact(w, "Priyanka Iyer");
    await contact(w, "Priya Sharma", { organizationId: w.b.organization.id });

    const found = await manager.contact.duplicates({ id: priya.id, similarNames: true });
    expect(found.map((d) => [d.name, d.matchedOn])).toEqual([
      ["P. S.", "email"],
      ["sharma priya", "name"],
      ["Pria Sharma", "name"],
      ["Priya S", "name"],
    ]);
    expect(found.map((d) => d.id)).toEqual([sameEmail.id, shuffled.id, typo.id, short.id]);
    expect(found[1]!.similarity).toBe(1);
    // The contact page asks without names: phone and email only.
    expect((await manager.contact.duplicates({ id: priya.id })).map((d) => d.id)).toEqual([sameEmail.id]);
  });

  test("a name in Devanagari has no trigrams here, so the same name (exactly) is still found", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const rows = await prisma.$queryRaw<Array<{ trigrams: string[] }>>`SELECT show_trgm('प्रिया शर्मा') AS trigrams`;
    expect(rows[0]?.trigrams).toEqual([]); // pg_trgm ignores non-ASCII letters in the C locale
    const first = await contact(w, "प्रिया शर्मा");
    const same = await contact(w, "प्रिया शर्मा");
    await contact(w, "प्रिया वर्मा");
    const found = await manager.contact.duplicates({ id: first.id, similarNames: true });
    expect(found.map((d) => d.id)).toEqual([same.id]);
  });

  test("another organization's contact id is NOT_FOUND and lists nothing of theirs", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const theirs = await contact(w, "Priya Sharma", { organizationId: w.b.organization.id });
    await expectTRPCError(manager.contact.duplicates({ id: theirs.id, similarNames: true }), "NOT_FOUND");
    const mine = await contact(w, "Priya Sharma");
    expect(await manager.contact.duplicates({ id: mine.id, similarNames: true })).toEqual([]);
  });
});
