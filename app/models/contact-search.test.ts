// Search by the start of any word of a contact's name or email local part,
// against a real database: what matches (surnames, Devanagari with its vowel
// signs, punctuation), that every kind of contact write keeps the search words
// right, tenancy, and the list's exact counts and estimates.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, type TestCaller } from "~/testing/caller";
import { contactListSchema } from "~/domain/contact/contact-filter.schema";
import { countContactsForList, countContactsUpTo, listContactPage, roundEstimate } from "~/models/contact-list.server";
import { searchWords } from "~/models/contact-query.server";
import { createOrganization } from "../../prisma/factories";
import { createListContact } from "../../prisma/factories-contact-list";

let orgA: string;
let orgB: string;
let ownerId: string;
let owner: TestCaller;
let ownerB: TestCaller;

const PEOPLE: Array<{ name: string; phone: string; email?: string }> = [
  { name: "Ananya Sharma", phone: "+919800000001", email: "ananya.sharma92@gmail.com" },
  { name: "प्रिया शर्मा", phone: "+919800000002" },
  { name: "राहुल वर्मा", phone: "+919800000003", email: "rahulverma@yahoo.co.in" },
  { name: "Mary D'Souza-Lobo", phone: "+919800000004", email: "m_dsouza@example.in" },
  { name: "Dr. K. Shah Shahid", phone: "+919800000005", email: "shahrukh.s@example.in" },
  { name: "Rohit", phone: "+919800000006" },
];

beforeAll(async () => {
  const a = await createOrganization(prisma, { name: "Search A" });
  const b = await createOrganization(prisma, { name: "Search B" });
  orgA = a.organization.id;
  orgB = b.organization.id;
  ownerId = a.owner.id;
  for (const person of PEOPLE) await createListContact(prisma, { organizationId: orgA, ...person });
  await createListContact(prisma, { organizationId: orgB, name: "Sunil Sharma", phone: "+919800000001" });
  owner = (await callerFor(a.owner, { organizationId: orgA })).caller;
  ownerB = (await callerFor(b.owner, { organizationId: orgB })).caller;
});

async function found(q: string, caller: TestCaller = owner): Promise<string[]> {
  const result = await caller.contacts.list(contactListSchema.parse({ filter: { q }, perPage: 100 }));
  return result.rows.map((row) => row.name).sort();
}

describe("search by the start of any word", () => {
  test("starting from a word's matches, walking with a hash of them, and walking with lookups give the same pages", async () => {
    const scope = { organizationId: orgA, userId: ownerId, timeZone: "Asia/Kolkata" };
    const searches = ["sha", "sharma", "शर्", "ananya sh", "d souza", "rohit", "x", "98000"];
    for (const q of searches) {
      for (const [sort, perPage, page] of [["lastActivityAt", 25, 1], ["score", 25, 1], ["name", 100, 1]] as const) {
        const input = contactListSchema.parse({ filter: { q }, sort, perPage, page });
        const ids = async (fromMatches: number, hashed: number) =>
          (await listContactPage(prisma, scope, input, { fromMatches, hashed })).map((row) => row.id);
        const walked = await ids(-1, -1);
        expect(await ids(1_000_000, 1_000_000), `${q} ${sort} page ${page} from matches`).toEqual(walked);
        expect(await ids(-1, 1_000_000), `${q} ${sort} page ${page} hashed`).toEqual(walked);
      }
    }
    const withStage = contactListSchema.parse({ filter: { q: "sha", stage: ["NEW"] } });
    const stagePage = async (fromMatches: number, hashed: number) =>
      (await listContactPage(prisma, scope, withStage, { fromMatches, hashed })).map((row) => row.id);
    expect(await stagePage(1_000_000, 1_000_000)).toEqual(await stagePage(-1, -1));
    expect(await stagePage(-1, 1_000_000)).toEqual(await stagePage(-1, -1));
  });

  test("the walk with lookups runs without parallel workers and leaves a caller's transaction as it found it", async () => {
    const scope = { organizationId: orgA, userId: ownerId, timeZone: "Asia/Kolkata" };
    const input = contactListSchema.parse({ filter: { q: "sharma" } });
    const walked = (await listContactPage(prisma, scope, input, { fromMatches: -1, hashed: -1 })).map((row) => row.name);
    expect(walked).toEqual(["Ananya Sharma"]);
    const inside = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 3`;
      const rows = await listContactPage(tx, scope, input, { fromMatches: -1, hashed: -1 });
      const [setting] = await tx.$queryRaw<Array<{ value: string }>>`SELECT current_setting('max_parallel_workers_per_gather') AS "value"`;
      return { names: rows.map((row) => row.name), setting: setting!.value };
    });
    expect(inside.names).toEqual(["Ananya Sharma"]);
    expect(inside.setting).toBe("3");
  });

  test("a surname, any case, finds the contact (the issue's q=sharma)", async () => {
    expect(await found("sharma")).toEqual(["Ananya Sharma"]);
    expect(await found("SHAR")).toEqual(["Ananya Sharma"]);
    expect(await found("ananya")).toEqual(["Ananya Sharma"]);
  });

  test("Devanagari: a whole surname, a prefix ending in a virama or a vowel sign, the first name", async () => {
    expect(await found("शर्मा")).toEqual(["प्रिया शर्मा"]);
    expect(await found("शर्")).toEqual(["प्रिया शर्मा"]);
    expect(await found("प्रि")).toEqual(["प्रिया शर्मा"]);
    expect(await found("वर्मा")).toEqual(["राहुल वर्मा"]);
    expect(await found("प्रिया शर्मा")).toEqual(["प्रिया शर्मा"]);
    // A letter inside a word is not the start of one.
    expect(await found("र्मा")).toEqual([]);
  });

  test("words of the email's local part: dots, underscores and digits", async () => {
    expect(await found("sharma92")).toEqual(["Ananya Sharma"]);
    expect(await found("rahulv")).toEqual(["राहुल वर्मा"]);
    expect(await found("dsouza")).toEqual(["Mary D'Souza-Lobo"]);
    // The domain is not searched as words.
    expect(await found("gmail")).toEqual([]);
  });

  test("hyphens, apostrophes and dots in names separate words", async () => {
    expect(await found("lobo")).toEqual(["Mary D'Souza-Lobo"]);
    expect(await found("souza")).toEqual(["Mary D'Souza-Lobo"]);
    expect(await found("d'souza")).toEqual(["Mary D'Souza-Lobo"]);
    expect(await found("k. shah")).toEqual(["Dr. K. Shah Shahid"]);
  });

  test("several words must each start a word; the whole-name start still works", async () => {
    expect(await found("ananya sh")).toEqual(["Ananya Sharma"]);
    expect(await found("sharma ananya")).toEqual(["Ananya Sharma"]);
    expect(await found("ananya verma")).toEqual([]);
    expect(await found("Rohit")).toEqual(["Rohit"]);
  });

  test("a contact with several words in the range is listed and counted once", async () => {
    const result = await owner.contacts.list(contactListSchema.parse({ filter: { q: "shah" }, perPage: 100 }));
    expect(result.rows.map((row) => row.name)).toEqual(["Dr. K. Shah Shahid"]);
    expect(result.total).toBe(1);
    expect((await owner.contacts.count({ filter: contactListSchema.parse({ filter: { q: "shah" } }).filter })).count).toBe(1);
  });

  test("another organization's contacts are never found, nor counted", async () => {
    expect(await found("sharma", ownerB)).toEqual(["Sunil Sharma"]);
    expect(await found("ananya", ownerB)).toEqual([]);
    expect(await found("शर्मा", ownerB)).toEqual([]);
    const result = await ownerB.contacts.list(contactListSchema.parse({ filter: { q: "sh" }, perPage: 100 }));
    expect(result.total).toBe(1);
  });

  test("a full number or an email a contact keeps from a merge finds it, in its organization only", async () => {
    const rohit = await prisma.contact.findFirstOrThrow({ where: { organizationId: orgA, name: "Rohit" } });
    await prisma.contactIdentity.createMany({
      data: [
        { organizationId: orgA, contactId: rohit.id, kind: "PHONE", value: "+919811111111" },
        { organizationId: orgA, contactId: rohit.id, kind: "EMAIL", value: "rohit.old@example.in" },
      ],
    });
    expect(await found("98111 11111")).toEqual(["Rohit"]);
    expect(await found("+91 98111-11111")).toEqual(["Rohit"]);
    expect(await found("rohit.old@example.in")).toEqual(["Rohit"]);
    expect(await found("rohit.old@")).toEqual(["Rohit"]);
    const counted = await owner.contacts.list(contactListSchema.parse({ filter: { q: "9811111111" } }));
    expect([counted.total, counted.totalIsExact]).toEqual([1, true]);
    // A suffix stays on the contact's own phone (a secondary number is found by the whole number).
    expect(await found("11111")).toEqual([]);
    expect(await found("98111 11111", ownerB)).toEqual([]);
    expect(await found("rohit.old@example.in", ownerB)).toEqual([]);
  });
});

describe("every contact write keeps the search words right", () => {
  async function wordsOf(contactId: string): Promise<string[]> {
    const rows = await prisma.contactSearchWord.findMany({ where: { contactId }, orderBy: { word: "asc" } });
    return rows.map((row) => row.word);
  }

  test("create, rename, change email, bulk insert, delete", async () => {
    const org = (await createOrganization(prisma, { name: "Writes" })).organization.id;
    const contact = await prisma.contact.create({
      data: { organizationId: org, name: "Neha Gupta", phone: "+919811111111", email: "neha.g@x.in" },
    });
    expect(await wordsOf(contact.id)).toEqual(["g", "gupta", "neha"]);

    await prisma.contact.update({ where: { id: contact.id }, data: { name: "Neha Joshi" } });
    expect(await wordsOf(contact.id)).toEqual(["g", "joshi", "neha"]);
    await prisma.contact.update({ where: { id: contact.id }, data: { email: null } });
    expect(await wordsOf(contact.id)).toEqual(["joshi", "neha"]);
    // Other edits leave the words alone.
    await prisma.contact.update({ where: { id: contact.id }, data: { score: 70 } });
    expect(await wordsOf(contact.id)).toEqual(["joshi", "neha"]);

    // One set-based statement for many contacts, as imports write them.
    await prisma.$executeRaw`
      INSERT INTO "Contact" ("organizationId", "name", "phone", "updatedAt")
      SELECT ${org}::uuid, 'Bulk ' || i || ' Yadav', '+91982222' || lpad(i::text, 4, '0'), now() FROM generate_series(1, 50) AS i`;
    expect(await prisma.contactSearchWord.count({ where: { organizationId: org, word: "yadav" } })).toBe(50);

    await prisma.contact.delete({ where: { id: contact.id } });
    expect(await wordsOf(contact.id)).toEqual([]);
    await prisma.contact.deleteMany({ where: { organizationId: org } });
    expect(await prisma.contactSearchWord.count({ where: { organizationId: org } })).toBe(0);
  });

  test("deleting an organization removes its words", async () => {
    const org = (await createOrganization(prisma, { name: "Gone" })).organization.id;
    await prisma.contact.create({ data: { organizationId: org, name: "Temp Person", phone: "+919833333333" } });
    expect(await prisma.contactSearchWord.count({ where: { organizationId: org } })).toBe(2);
    await prisma.organization.delete({ where: { id: org } });
    expect(await prisma.contactSearchWord.count({ where: { organizationId: org } })).toBe(0);
  });

  test("truncating the contacts (or their organizations, cascading) leaves no words behind", async () => {
    const before = await prisma.contactSearchWord.count();
    expect(before).toBeGreaterThan(0);
    class RolledBack extends Error {}
    for (const truncate of [`TRUNCATE "Contact" CASCADE`, `TRUNCATE "Organization", "User" CASCADE`]) {
      const left = await prisma
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe(truncate);
          const words = await tx.contactSearchWord.count();
          throw Object.assign(new RolledBack(), { words });
        })
        .catch((error: unknown) => (error instanceof RolledBack ? (error as RolledBack & { words: number }).words : Promise.reject(error)));
      expect(left, truncate).toBe(0);
    }
    // Rolled back: every word is there again.
    expect(await prisma.contactSearchWord.count()).toBe(before);
  });
});

describe("the database splits words exactly like the search box", () => {
  test("every character of the Basic Multilingual Plane separates words, or not, alike", async () => {
    const samples: string[] = [];
    for (let code = 1; code <= 0xffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      samples.push(`ab${String.fromCodePoint(code)}cd`);
    }
    // Combining marks, a decomposed nukta (NFC keeps it decomposed) and a composed one.
    samples.push("प्रिया शर्मा", "Émile Zola", "E\u0301mile", "क\u093c", "\u0958", "A.B_C-D'E", "  lead  ");
    const rows = await prisma.$queryRaw<Array<{ words: string[] }>>`
      SELECT array(SELECT DISTINCT w FROM unnest(contact_search_words(s, NULL)) AS w WHERE w <> '' ORDER BY w) AS words
        FROM unnest(${samples}::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n`;
    const differing = samples.filter((sample, i) => {
      const inDatabase = rows[i]!.words.join(" ");
      const inApp = searchWords(sample).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).join(" ");
      return inDatabase !== inApp;
    });
    expect(differing.map((sample) => [...sample].map((ch) => ch.codePointAt(0)!.toString(16)).join(" "))).toEqual([]);
  });
});

describe("list totals", () => {
  test("exact up to the cap, then the planner's estimate, never below the cap", async () => {
    const scope = { organizationId: orgA, userId: ownerId, timeZone: "Asia/Kolkata" };
    const everyone = contactListSchema.parse({ filter: {} }).filter;
    expect(await countContactsForList(prisma, scope, everyone, 100)).toEqual({ count: PEOPLE.length, exact: true });
    const capped = await countContactsForList(prisma, scope, everyone, 3);
    expect(capped.exact).toBe(false);
    expect(capped.count).toBeGreaterThanOrEqual(3);
    // A one-word search is counted from the search words, once per contact.
    const shah = contactListSchema.parse({ filter: { q: "sha" } }).filter;
    expect(await countContactsUpTo(prisma, scope, shah, 100)).toEqual({ count: 2, exact: true });
    expect(await countContactsUpTo(prisma, scope, shah, 1)).toEqual({ count: 1, exact: false });
  });

  test("estimates are rounded to two significant digits", () => {
    expect(roundEstimate(247_312)).toBe(250_000);
    expect(roundEstimate(1_049_999)).toBe(1_000_000);
    expect(roundEstimate(100_001)).toBe(100_000);
    expect(roundEstimate(42)).toBe(42);
  });
});
