// The words of contacts with payments, which the payments page's searches read (its own smaller
// index): which writes flag a contact and its words, and that a rename at the same moment as a
// contact's first payment leaves the new words flagged, whichever of the two commits first.
import pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { contactsWithWordSql } from "~/models/contact-query.server";
import { createOrganization } from "../../prisma/factories";
import { createPayment, createPaymentAccount } from "../../prisma/factories-payments";

let organizationId: string;
let accountId: string;
const paidAt = new Date("2026-11-20T10:00:00.000Z");

beforeAll(async () => {
  organizationId = (await createOrganization(prisma, { name: "Paying words" })).organization.id;
  accountId = (await createPaymentAccount(prisma, { organizationId })).account.id;
});

let phone = 9_812_000_000;
function newContact(name: string) {
  phone += 1;
  return prisma.contact.create({ data: { organizationId, name, phone: `+91${phone}` } });
}

/** The contact's flag and each of its words with its own. */
async function flagsOf(contactId: string) {
  const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId }, select: { hasPayments: true } });
  const words = await prisma.contactSearchWord.findMany({ where: { contactId }, orderBy: { word: "asc" }, select: { word: true, paying: true } });
  return { hasPayments: contact.hasPayments, words: words.map((row) => `${row.word}${row.paying ? "" : " (not paying)"}`) };
}

function pay(contactId: string | null, db: PrismaClient = prisma) {
  return createPayment(db, { organizationId, accountId, paidAt, amountPaise: 49_900n, contactId });
}

async function payingMatches(prefix: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ contactId: string }>>(contactsWithWordSql({ organizationId, userId: "", timeZone: "Asia/Kolkata" }, prefix, { paying: true }));
  return rows.map((row) => row.contactId).sort();
}

describe("which writes flag a contact's words", () => {
  test("a first payment flags the contact and its words; a rename keeps them flagged; a contact without payments stays out", async () => {
    const paying = await newContact("Neha Gupta");
    const browsing = await newContact("Neha Verma");
    expect(await flagsOf(paying.id)).toEqual({ hasPayments: false, words: ["gupta (not paying)", "neha (not paying)"] });

    await pay(paying.id);
    expect(await flagsOf(paying.id)).toEqual({ hasPayments: true, words: ["gupta", "neha"] });
    expect(await flagsOf(browsing.id)).toEqual({ hasPayments: false, words: ["neha (not paying)", "verma (not paying)"] });

    await prisma.contact.update({ where: { id: paying.id }, data: { name: "Neha Kapoor", email: "neha.k@example.in" } });
    expect(await flagsOf(paying.id)).toEqual({ hasPayments: true, words: ["k", "kapoor", "neha"] });
    expect(await payingMatches("neha")).toEqual([paying.id]);
    expect(await payingMatches("verma")).toEqual([]);
    expect(await payingMatches("gupta")).toEqual([]);
  });

  test("a payment matched to a contact later, or moved to another one, flags the contact it now names", async () => {
    const matched = await newContact("Arjun Menon");
    const unmatched = await pay(null);
    expect((await flagsOf(matched.id)).hasPayments).toBe(false);
    await prisma.payment.update({ where: { id: unmatched.id }, data: { contactId: matched.id } });
    expect(await flagsOf(matched.id)).toEqual({ hasPayments: true, words: ["arjun", "menon"] });

    // A merge moves the payments; the contact they left keeps its flag (its words then match no payment).
    const survivor = await newContact("Arjun M");
    await prisma.payment.updateMany({ where: { contactId: matched.id }, data: { contactId: survivor.id } });
    expect(await flagsOf(survivor.id)).toEqual({ hasPayments: true, words: ["arjun", "m"] });
    expect((await flagsOf(matched.id)).hasPayments).toBe(true);
  });

  test("one statement inserting payments for several contacts flags each of them once", async () => {
    const first = await newContact("Ravi Teja");
    const second = await newContact("Ravi Shankar");
    await prisma.payment.createMany({
      data: [first.id, first.id, second.id].map((contactId, index) => ({
        organizationId,
        accountId,
        contactId,
        providerPaymentId: `pay_bulk_${index}_${contactId.slice(0, 8)}`,
        amountPaise: 10_000n,
        currency: "INR",
        status: "FAILED" as const,
        paidAt,
      })),
    });
    expect(await flagsOf(first.id)).toEqual({ hasPayments: true, words: ["ravi", "teja"] });
    expect(await flagsOf(second.id)).toEqual({ hasPayments: true, words: ["ravi", "shankar"] });
  });
});

describe("a rename and a first payment at the same moment", () => {
  /** Waits until some other session of this database waits for a lock. */
  async function untilOneWaits(observer: pg.Client) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { rows } = await observer.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]!.n >= 1) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("nothing waited for a lock within 10 s");
  }

  async function withRenamer<T>(run: (renamer: pg.Client) => Promise<T>): Promise<T> {
    const renamer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await renamer.connect();
    try {
      return await run(renamer);
    } finally {
      await renamer.end();
    }
  }

  test("the rename commits first: the payment waits for it and flags the new words", async () => {
    const contact = await newContact("Sanjay Rao");
    await withRenamer(async (renamer) => {
      await renamer.query("BEGIN");
      await renamer.query(`UPDATE "Contact" SET "name" = 'Sanjay Iyer' WHERE "id" = $1`, [contact.id]);
      const paid = prisma.$transaction((tx) => pay(contact.id, tx as unknown as PrismaClient));
      await untilOneWaits(renamer);
      await renamer.query("COMMIT");
      await paid;
    });
    expect(await flagsOf(contact.id)).toEqual({ hasPayments: true, words: ["iyer", "sanjay"] });
  });

  test("the payment commits first: the rename waits for it and writes its words flagged", async () => {
    const contact = await newContact("Pooja Nair");
    await withRenamer(async (renamer) => {
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const paid = prisma.$transaction(async (tx) => {
        await pay(contact.id, tx as unknown as PrismaClient);
        inserted();
        await released;
      });
      await insertedYet;
      await renamer.query("BEGIN");
      const renamed = renamer.query(`UPDATE "Contact" SET "name" = 'Pooja Pillai' WHERE "id" = $1`, [contact.id]);
      const observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await observer.connect();
      try {
        await untilOneWaits(observer);
      } finally {
        await observer.end();
      }
      release();
      await paid;
      await renamed;
      await renamer.query("COMMIT");
    });
    expect(await flagsOf(contact.id)).toEqual({ hasPayments: true, words: ["pillai", "pooja"] });
  });
});
