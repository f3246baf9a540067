import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { CsvRowEnds, exportContactsCsv, EXPORT_APPLICATION_NAME, exportFileName, exportTimeZone } from "~/services/contact-export.server";
import { StreamAbortedError } from "~/services/csv-writer.server";
import { createImportFromUpload, runContactImport } from "~/services/contact-import.server";
import { contactFilterSchema, type ContactFilter } from "~/domain/contact/contact-filter.schema";
import { addMember, createContact, createOrganization, createTag } from "../../prisma/factories";
import { createCustomFieldDefinition } from "../../prisma/factories-imports";

/** What the export writes for an instant in India: "2026-11-22 00:00:00". */
function kolkataTime(date: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Kolkata", dateStyle: "short", timeStyle: "medium" }).format(date);
}

function filter(input: Record<string, unknown> = {}): ContactFilter {
  return contactFilterSchema.parse(input);
}

/** A writable that keeps what it gets. */
function collector(options: { delayMs?: number; highWaterMark?: number } = {}) {
  const chunks: Buffer[] = [];
  let maxBuffered = 0;
  const writable = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      maxBuffered = Math.max(maxBuffered, writable.writableLength);
      if (options.delayMs) setTimeout(callback, options.delayMs);
      else callback();
    },
  });
  return {
    writable,
    chunks,
    maxBuffered: () => maxBuffered,
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0), "starts with a UTF-8 byte order mark for Excel").toBe(0xfeff);
  return parse(text.slice(1)) as string[][];
}

async function insertMany(organizationId: string, count: number, prefix = "Bulk") {
  await prisma.$executeRaw`
    INSERT INTO "Contact" ("organizationId", "name", "phone", "updatedAt")
    SELECT ${organizationId}::uuid, ${prefix} || ' ' || g, '+9170' || lpad(g::text, 8, '0'), now()
      FROM generate_series(1, ${count}::int) g`;
}

describe("exportContactsCsv", () => {
  test("writes every column, quoting and neutralizing formulas, with tags, company and custom fields", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT", user: { email: "aisha@example.in" } });
    await createCustomFieldDefinition(prisma, { organizationId: organization.id, key: "budget", label: "Budget", type: "NUMBER", position: 2 });
    await createCustomFieldDefinition(prisma, { organizationId: organization.id, key: "city", label: "City, State", position: 1 });
    const company = await prisma.company.create({ data: { organizationId: organization.id, name: "Acme, Inc." } });
    const vip = await createTag(prisma, { organizationId: organization.id, name: "vip" });
    const beginner = await createTag(prisma, { organizationId: organization.id, name: "beginner" });

    const tricky = await createContact(prisma, {
      organizationId: organization.id,
      name: 'Sharma, "PJ"\nPriya',
      phone: "+919876543210",
      email: "pj@example.in",
      stage: "INTERESTED",
      temperature: "HOT",
      score: 87,
      ownerId: agent.user.id,
    });
    await prisma.contact.update({
      where: { id: tricky.id },
      data: { companyId: company.id, customFields: { budget: "-5000", city: "Pune, MH" }, source: "WEBSITE" },
    });
    await prisma.contactTag.createMany({
      data: [vip, beginner].map((tag) => ({ organizationId: organization.id, contactId: tricky.id, tagId: tag.id })),
    });
    await createContact(prisma, { organizationId: organization.id, name: "=HYPERLINK(\"http://evil.example\",\"x\")", phone: "+919876543211" });
    await createContact(prisma, { organizationId: organization.id, name: "@SUM(A1:A9)", phone: "+919876543212" });
    void owner;

    const out = collector();
    const result = await exportContactsCsv({ organizationId: organization.id, userId: owner.id }, filter(), out.writable, {
      sort: "name",
      dir: "asc",
    });
    expect(result.rows).toBe(3);
    const text = out.text();
    expect(text).toContain("\r\n");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "Name",
      "Phone",
      "Email",
      "Stage",
      "Temperature",
      "Score",
      "Source",
      "Owner email",
      "Tags",
      "Company",
      "City, State",
      "Budget",
      "Created at (Asia/Kolkata)",
      "Last activity at (Asia/Kolkata)",
    ]);
    expect(rows).toHaveLength(3);
    const byPhone = new Map(rows.map((row) => [row[1]!, row]));
    const row = byPhone.get("+919876543210")!;
    expect(row.slice(0, 12)).toEqual([
      'Sharma, "PJ"\nPriya',
      "+919876543210",
      "pj@example.in",
      "INTERESTED",
      "HOT",
      "87",
      "WEBSITE",
      "aisha@example.in",
      "beginner;vip",
      "Acme, Inc.",
      "Pune, MH",
      "'-5000",
    ]);
    expect(row[12]).toBe(kolkataTime(tricky.createdAt));
    expect(row[13]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // Formula injection: every dangerous first character of free text gets a quote in front; E.164 phones go out as they are.
    expect(byPhone.get("+919876543211")![0]).toBe("'=HYPERLINK(\"http://evil.example\",\"x\")");
    expect(byPhone.get("+919876543212")![0]).toBe("'@SUM(A1:A9)");
    for (const cells of rows) {
      expect(cells[1]).toMatch(/^\+91\d{10}$/);
      for (const cell of [cells[0], ...cells.slice(2)]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(byPhone.get("+919876543211")!.slice(7, 12)).toEqual(["", "", "", "", ""]);
  });

  test("respects the filter and never includes another organization's contacts", async () => {
    const a = await createOrganization(prisma);
    const b = await createOrganization(prisma);
    await createContact(prisma, { organizationId: a.organization.id, name: "Hot A", stage: "NEW", temperature: "HOT" });
    await createContact(prisma, { organizationId: a.organization.id, name: "Cold A", temperature: "COLD" });
    await createContact(prisma, { organizationId: b.organization.id, name: "Hot B", temperature: "HOT" });
    await createContact(prisma, { organizationId: b.organization.id, name: "Cold B", temperature: "COLD" });

    const hot = collector();
    await exportContactsCsv({ organizationId: a.organization.id, userId: a.owner.id }, filter({ temperature: ["HOT"] }), hot.writable);
    expect(parseCsv(hot.text()).slice(1).map((row) => row[0])).toEqual(["Hot A"]);

    const all = collector();
    await exportContactsCsv({ organizationId: a.organization.id, userId: a.owner.id }, filter(), all.writable);
    const names = parseCsv(all.text()).slice(1).map((row) => row[0]);
    expect(names.sort()).toEqual(["Cold A", "Hot A"]);
    expect(all.text()).not.toContain(" B");

    const mine = collector();
    await exportContactsCsv({ organizationId: a.organization.id, userId: a.owner.id }, filter({ owner: "me" }), mine.writable);
    expect(parseCsv(mine.text())).toHaveLength(1);
  });

  test("streams in batches: many chunks arrive before the end, and a slow reader holds the export back", async () => {
    const { organization, owner } = await createOrganization(prisma);
    await insertMany(organization.id, 20_000);
    const out = collector({ delayMs: 1, highWaterMark: 64 * 1024 });
    let chunksWhenDone = -1;
    const done = exportContactsCsv({ organizationId: organization.id, userId: owner.id }, filter(), out.writable, {
      chunkBytes: 16 * 1024,
    }).then((result) => {
      chunksWhenDone = out.chunks.length;
      return result;
    });
    // The first rows reach the reader while the export is still running.
    await expect.poll(() => out.chunks.length).toBeGreaterThan(2);
    expect(chunksWhenDone).toBe(-1);
    const result = await done;
    expect(result.rows).toBe(20_000);
    expect(out.chunks.length).toBeGreaterThanOrEqual(20);
    // The export waits for the slow reader: its buffer never holds much more than its high-water mark.
    expect(out.maxBuffered()).toBeLessThan(256 * 1024);
    const rows = parseCsv(out.text());
    expect(rows).toHaveLength(20_001);
    expect(new Set(rows.slice(1).map((row) => row[1])).size).toBe(20_000);
  });

  test("cancelling stops the export and closes its database connection", async () => {
    const { organization, owner } = await createOrganization(prisma);
    await insertMany(organization.id, 5_000);
    const controller = new AbortController();
    const out = collector({ delayMs: 20, highWaterMark: 1024 });
    const running = exportContactsCsv({ organizationId: organization.id, userId: owner.id }, filter(), out.writable, {
      signal: controller.signal,
      chunkBytes: 4096,
    });
    await expect.poll(() => out.chunks.length).toBeGreaterThan(1);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(StreamAbortedError);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await expect
        .poll(async () => {
          const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
            EXPORT_APPLICATION_NAME,
          ]);
          return rows[0].n as number;
        })
        .toBe(0);
    } finally {
      await client.end();
    }
    expect(out.chunks.length).toBeLessThan(50);
  });

  test("times are the organization's own local time, its zone named in the header; midnight in India is the next day there", async () => {
    const india = await createOrganization(prisma);
    const newYork = await createOrganization(prisma);
    await prisma.organization.update({ where: { id: newYork.organization.id }, data: { timezone: "America/New_York" } });
    // 18:30 UTC is midnight in India (+05:30) and 13:30 in New York in November (EST); in July New York is on EDT.
    const instants = [new Date("2026-11-21T18:30:00Z"), new Date("2026-07-01T12:00:00.900Z")];
    for (const { organization } of [india, newYork]) {
      for (const [i, at] of instants.entries()) {
        const contact = await createContact(prisma, { organizationId: organization.id, name: `At ${i}`, phone: `+9198765000${i}0` });
        await prisma.contact.update({ where: { id: contact.id }, data: { createdAt: at, lastActivityAt: at } });
      }
    }
    const exported = async (scope: { organizationId: string; userId: string }) => {
      const out = collector();
      await exportContactsCsv(scope, filter(), out.writable, { sort: "name", dir: "asc" });
      const [header, ...rows] = parseCsv(out.text());
      return { header: header!.slice(-2), rows: rows.map((row) => row.slice(-2)) };
    };
    expect(await exported({ organizationId: india.organization.id, userId: india.owner.id })).toEqual({
      header: ["Created at (Asia/Kolkata)", "Last activity at (Asia/Kolkata)"],
      rows: [
        ["2026-11-22 00:00:00", "2026-11-22 00:00:00"],
        ["2026-07-01 17:30:00", "2026-07-01 17:30:00"],
      ],
    });
    expect(await exported({ organizationId: newYork.organization.id, userId: newYork.owner.id })).toEqual({
      header: ["Created at (America/New_York)", "Last activity at (America/New_York)"],
      rows: [
        ["2026-11-21 13:30:00", "2026-11-21 13:30:00"],
        ["2026-07-01 08:00:00", "2026-07-01 08:00:00"],
      ],
    });
    // The file is dated in the zone too; a zone PostgreSQL and Intl don't know falls back to India's, and the header says so.
    expect(exportFileName(instants[0], "America/New_York")).toBe("contacts-2026-11-21.csv");
    expect(exportFileName(instants[0])).toBe("contacts-2026-11-22.csv");
    expect(exportTimeZone("Mars/Olympus_Mons")).toBe("Asia/Kolkata");
  });

  test("a phone that couldn't be E.164 (never written by the app) still gets the quote", async () => {
    const { organization, owner } = await createOrganization(prisma);
    await prisma.$executeRaw`INSERT INTO "Contact" ("organizationId", "name", "phone", "updatedAt") VALUES (${organization.id}::uuid, 'Odd', '=cmd', now())`;
    const out = collector();
    await exportContactsCsv({ organizationId: organization.id, userId: owner.id }, filter(), out.writable);
    expect(parseCsv(out.text())[1]!.slice(0, 2)).toEqual(["Odd", "'=cmd"]);
  });

  test("a contact without a phone has an empty phone cell", async () => {
    const { organization, owner } = await createOrganization(prisma);
    await prisma.$executeRaw`INSERT INTO "Contact" ("organizationId", "name", "email", "updatedAt") VALUES (${organization.id}::uuid, 'Email Only', 'only@example.in', now())`;
    const out = collector();
    await exportContactsCsv({ organizationId: organization.id, userId: owner.id }, filter(), out.writable);
    expect(parseCsv(out.text())[1]!.slice(0, 3)).toEqual(["Email Only", "", "only@example.in"]);
  });

  test("an exported file imports back into another organization with the same contacts", async () => {
    const from = await createOrganization(prisma);
    const into = await createOrganization(prisma);
    await createContact(prisma, { organizationId: from.organization.id, name: "=Asha, \"AR\" Rao", phone: "+919876543210", temperature: "HOT" });
    await createContact(prisma, { organizationId: from.organization.id, name: "Ravi", phone: "+14155550123", stage: "ENGAGED" });
    const out = collector();
    await exportContactsCsv({ organizationId: from.organization.id, userId: from.owner.id }, filter(), out.writable);
    const created = await createImportFromUpload(prisma, {
      organizationId: into.organization.id,
      userId: into.owner.id,
      fileName: "contacts.csv",
      bytes: Buffer.concat(out.chunks),
    });
    await prisma.contactImport.update({ where: { id: created.id }, data: { status: "RUNNING" } });
    expect(await runContactImport(prisma, created.id)).toMatchObject({ status: "COMPLETED", processedRows: 2 });
    const contacts = await prisma.contact.findMany({ where: { organizationId: into.organization.id }, orderBy: { phone: "asc" } });
    expect(contacts.map((c) => [c.name, c.phone, c.stage, c.temperature])).toEqual([
      ["Ravi", "+14155550123", "ENGAGED", "COLD"],
      ['=Asha, "AR" Rao', "+919876543210", "NEW", "HOT"],
    ]);
  });

  test("an export of nothing is just the header", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const out = collector();
    const result = await exportContactsCsv({ organizationId: organization.id, userId: owner.id }, filter({ q: "nobody" }), out.writable);
    expect(result.rows).toBe(0);
    expect(parseCsv(out.text())).toHaveLength(1);
  });
});

describe("CsvRowEnds", () => {
  test("turns each row's LF into CRLF and keeps line breaks inside quoted fields, however the bytes are cut into chunks", () => {
    // What COPY … WITH (FORMAT csv) writes: quoted fields with doubled quotes, line breaks and Devanagari inside.
    const copyOutput = 'Asha,+919876543210,"a ""quoted""\nnote"\n"राज, कुमार",,"x\n\ny"\n"",plain,""""\nlast,row,\n';
    const expected = 'Asha,+919876543210,"a ""quoted""\nnote"\r\n"राज, कुमार",,"x\n\ny"\r\n"",plain,""""\r\nlast,row,\r\n';
    const bytes = Buffer.from(copyOutput, "utf8");
    for (let first = 0; first <= bytes.length; first += 1) {
      for (const second of [first, Math.min(bytes.length, first + 1), Math.min(bytes.length, first + 7)]) {
        const rowEnds = new CsvRowEnds();
        const pieces: Buffer[] = [];
        for (const chunk of [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)]) {
          rowEnds.convert(chunk, (piece) => pieces.push(Buffer.from(piece)));
        }
        expect(Buffer.concat(pieces).toString("utf8"), `cut at ${first}/${second}`).toBe(expected);
        expect(rowEnds.rows).toBe(4);
      }
    }
  });
});
