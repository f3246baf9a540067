import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  createImportFromUpload,
  previewImport,
  runContactImport,
  writeImportErrorsCsv,
} from "~/services/contact-import.server";
import { CsvFileError, csvReadCounters, NOT_TEXT_MESSAGE } from "~/services/csv-reader.server";
import { readStoredMapping } from "~/models/contact-import.server";
import { JobStoppedError } from "~/services/job-stopped";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { addMember, createContact, createOrganization, createTag } from "../../prisma/factories";
import { createCustomFieldDefinition, createPendingImport, createRunningImport, csvText } from "../../prisma/factories-imports";

async function org() {
  const { organization, owner } = await createOrganization(prisma);
  return { organizationId: organization.id, owner };
}

async function importState(id: string) {
  return prisma.contactImport.findUniqueOrThrow({ where: { id }, include: { file: true } });
}

async function errorsCsv(organizationId: string, importId: string) {
  const item = await prisma.contactImport.findUniqueOrThrow({ where: { id: importId } });
  const chunks: Buffer[] = [];
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  await writeImportErrorsCsv(prisma, { organizationId, importId, headers: readStoredMapping(item.mapping)!.headers }, writable);
  return parse(Buffer.concat(chunks).toString("utf8").replace(/^\uFEFF/, "")) as string[][];
}

describe("upload checks", () => {
  test("a Windows-1252 file from Excel (not UTF-8) is read as Windows-1252 and imported: José, Müller, €, smart quotes", async () => {
    const { organizationId, owner } = await org();
    // What Excel's plain "CSV (Comma delimited)" writes on Windows.
    const windows1252 = Buffer.concat([
      Buffer.from("Name,Phone,City,Notes\r\n", "latin1"),
      Buffer.from("Jos\xe9 Fern\xe1ndez,9876543210,M\xfcnchen,", "latin1"),
      Buffer.from([0x93, ...Buffer.from("Paid "), 0x80, ...Buffer.from("500"), 0x94, 0x0d, 0x0a]),
      Buffer.from("Anna M\xfcller,9876543211,K\xf6ln,\r\n", "latin1"),
    ]);
    await createCustomFieldDefinition(prisma, { organizationId, key: "city", label: "City" });
    await createCustomFieldDefinition(prisma, { organizationId, key: "notes", label: "Notes" });
    const created = await createRunningImport(prisma, { organizationId, createdById: owner.id, content: windows1252 });
    expect(readStoredMapping(created.mapping)).toMatchObject({ encoding: "windows-1252", headers: ["Name", "Phone", "City", "Notes"] });
    await runContactImport(prisma, created.id);
    const contacts = await prisma.contact.findMany({ where: { organizationId }, orderBy: { phone: "asc" } });
    expect(contacts.map((contact) => [contact.name, contact.customFields])).toEqual([
      ["José Fernández", { city: "München", notes: "“Paid €500”" }],
      ["Anna Müller", { city: "Köln" }],
    ]);
  });

  test("UTF-16 without a byte order mark is refused too", async () => {
    const { organizationId, owner } = await org();
    const utf16 = Buffer.from("name,phone\nAsha,9876543210\n", "utf16le");
    await expect(createPendingImport(prisma, { organizationId, createdById: owner.id, content: utf16 })).rejects.toThrow(NOT_TEXT_MESSAGE);
    expect(await prisma.contactImport.count({ where: { organizationId } })).toBe(0);
    expect(await prisma.contactImportFile.count({ where: { organizationId } })).toBe(0);
  });

  test.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Name,Mobile\nअनुज,9876543210\n")])],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name,Mobile\r\nअनुज,9876543210\r\n", "utf16le")])],
    [
      "UTF-16 BE with BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("Name,Mobile\nअनुज,9876543210\n", "utf16le").swap16()]),
    ],
    ["semicolons (Excel in many locales)", Buffer.from("Name;Mobile\nअनुज;9876543210\n")],
  ])("%s is read, header and rows alike", async (_label, bytes) => {
    const { organizationId, owner } = await org();
    const created = await createPendingImport(prisma, { organizationId, createdById: owner.id, content: bytes });
    const mapping = readStoredMapping(created.mapping)!;
    expect(mapping.headers).toEqual(["Name", "Mobile"]);
    expect(mapping.columns).toMatchObject({ name: 0, phone: 1 });
    expect(created.totalRows).toBe(1);
    const [row] = await previewImport(prisma, { organizationId, importId: created.id, mapping });
    expect(row!.row).toMatchObject({ name: "अनुज", phone: "+919876543210" });
  });

  test("an empty file, a header alone, and broken quoting get clear answers", async () => {
    const { organizationId, owner } = await org();
    const upload = (content: string) => createPendingImport(prisma, { organizationId, createdById: owner.id, content });
    await expect(upload("\n\n")).rejects.toThrow(/The file is empty/);
    await expect(upload("name,phone\n")).rejects.toThrow(/no contacts under it/);
    await expect(upload('name,phone\n"Asha,9876543210\n')).rejects.toThrow(CsvFileError);
    await expect(upload('name,phone\nAsha,1\nRavi,2\n"Meera,3\nDev,4\n')).rejects.toThrow(
      "The file isn't valid CSV: the quoted field that opens on line 4 is never closed (a \" is missing).",
    );
    expect(await prisma.contactImport.count({ where: { organizationId } })).toBe(0);
  });

  test("columns are guessed from header names, custom fields by label", async () => {
    const { organizationId, owner } = await org();
    await createCustomFieldDefinition(prisma, { organizationId, key: "city", label: "City" });
    const created = await createPendingImport(prisma, {
      organizationId,
      createdById: owner.id,
      content: "Full Name,WhatsApp Number,E-mail,Lead Stage,Temperature,Score,Source,Tags,Owner Email,Company Name,city,Notes\nA,9876543210,,,,,,,,,,\n",
    });
    expect(readStoredMapping(created.mapping)!.columns).toEqual({
      name: 0,
      phone: 1,
      email: 2,
      stage: 3,
      temperature: 4,
      score: 5,
      source: 6,
      tags: 7,
      ownerEmail: 8,
      company: 9,
      customFields: { city: 10 },
    });
  });
});

describe("preview", () => {
  test("shows each row's problems, later duplicates of a phone, and existing contacts", async () => {
    const { organizationId, owner } = await org();
    await createContact(prisma, { organizationId, phone: "+919876500003" });
    const created = await createPendingImport(prisma, {
      organizationId,
      createdById: owner.id,
      content: csvText([
        ["name", "phone", "email", "stage"],
        ["Good", "98765 00001", "good@example.in", "engaged"],
        ["Bad phone", "12345", "", ""],
        ["Bad email", "9876500002", "not-an-email", ""],
        ["Existing", "+91 98765 00003", "", ""],
        ["Unknown stage", "9876500004", "", "Hot lead"],
        ["Again", "098765-00001", "", ""],
        ["", "9876500005", "", ""],
      ]),
    });
    const rows = await previewImport(prisma, { organizationId, importId: created.id, mapping: readStoredMapping(created.mapping)! });
    expect(rows.map((row) => [row.rowNumber, row.problems, row.existing])).toEqual([
      [2, [], false],
      [3, ['Phone "12345" isn\'t a valid phone number'], false],
      [4, ['Email "not-an-email" isn\'t a valid email address'], false],
      [5, [], true],
      [6, ['Unknown stage "Hot lead" — use one of New, Engaged, Interested, Negotiation, Converted, Churned'], false],
      [7, ["Duplicate of row 2 (same phone +919876500001)"], false],
      [8, ["Name is empty"], false],
    ]);
  });

  test("shows at most 20 rows", async () => {
    const { organizationId, owner } = await org();
    const rows = Array.from({ length: 50 }, (_, i) => [`Person ${i}`, `98765${String(i).padStart(5, "0")}`]);
    const created = await createPendingImport(prisma, { organizationId, createdById: owner.id, content: csvText([["name", "phone"], ...rows]) });
    const preview = await previewImport(prisma, { organizationId, importId: created.id, mapping: readStoredMapping(created.mapping)! });
    expect(preview).toHaveLength(20);
    expect(created.totalRows).toBe(50);
  });

  test("reads only the start of a large file: the first rows, not the 40,000 after them", async () => {
    const { organizationId, owner } = await org();
    const rows = Array.from({ length: 40_000 }, (_, i) => [`Person ${i}`, `98${String(i).padStart(8, "0")}`, "Called on Monday, will call back"]);
    const created = await createPendingImport(prisma, { organizationId, createdById: owner.id, content: csvText([["name", "phone", "notes"], ...rows]) });
    expect(created.totalRows).toBe(40_000);
    const before = { ...csvReadCounters };
    const preview = await previewImport(prisma, { organizationId, importId: created.id, mapping: readStoredMapping(created.mapping)! });
    expect(preview.map((row) => row.rowNumber)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    // The file is about 2 MB; the preview reads its first piece or two (64 KB each).
    expect(csvReadCounters.bytes - before.bytes).toBeLessThanOrEqual(128 * 1024);
    expect(csvReadCounters.records - before.records).toBe(21);
  });
});

describe("the import job", () => {
  test("imports good rows and reports the bad 10% with row numbers and reasons", async () => {
    const { organizationId, owner } = await org();
    const header = ["Name", "Phone", "Email", "Stage", "Temperature", "Score", "Tags", "Company"];
    const rows: string[][] = [];
    const bad = new Map<number, string>();
    for (let i = 0; i < 100; i += 1) {
      const rowNumber = i + 2;
      const row = [`Lead ${i}`, `+91 98765 ${String(10_000 + i).padStart(5, "0")}`, `lead${i}@example.in`, "interested", "warm", "55", "webinar; Options", "Acme"];
      if (i % 10 === 3) {
        const kind = (i / 10) % 4;
        if (kind < 1) {
          row[1] = "12345";
          bad.set(rowNumber, 'Phone "12345" isn\'t a valid phone number');
        } else if (kind < 2) {
          row[2] = "lead@";
          bad.set(rowNumber, 'Email "lead@" isn\'t a valid email address');
        } else if (kind < 3) {
          row[3] = "Won";
          bad.set(rowNumber, 'Unknown stage "Won" — use one of New, Engaged, Interested, Negotiation, Converted, Churned');
        } else {
          row[5] = "150";
          bad.set(rowNumber, 'Score "150" must be a whole number from 0 to 100');
        }
      }
      rows.push(row);
    }
    const created = await createRunningImport(prisma, { organizationId, createdById: owner.id, content: csvText([header, ...rows]) });
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(organizationId, (event) => events.push(event));

    const result = await runContactImport(prisma, created.id, { batchSize: 25 });

    expect(result.status).toBe("COMPLETED");
    const state = await importState(created.id);
    expect(state).toMatchObject({ status: "COMPLETED", totalRows: 100, processedRows: 100, createdCount: 90, failedCount: 10, updatedCount: 0, skippedCount: 0 });
    expect(state.file, "the stored file is deleted when done").toBeNull();
    expect(state.finishedAt).not.toBeNull();

    const contacts = await prisma.contact.findMany({ where: { organizationId }, include: { tags: { include: { tag: true } }, company: true } });
    expect(contacts).toHaveLength(90);
    const lead0 = contacts.find((contact) => contact.phone === "+919876510000")!;
    expect(lead0).toMatchObject({ name: "Lead 0", email: "lead0@example.in", stage: "INTERESTED", temperature: "WARM", score: 55, source: "IMPORT" });
    expect(lead0.tags.map((t) => t.tag.name).sort()).toEqual(["options", "webinar"]);
    expect(lead0.company?.name).toBe("Acme");
    expect(await prisma.company.count({ where: { organizationId } })).toBe(1);

    const imported = await prisma.contactEvent.findMany({ where: { organizationId, type: "IMPORTED" } });
    expect(imported).toHaveLength(90);
    expect(imported[0]).toMatchObject({ actorId: owner.id, actorLabel: "Import" });

    const errors = await prisma.contactImportError.findMany({ where: { importId: created.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((error) => [error.rowNumber, error.message])).toEqual([...bad.entries()]);
    expect(errors[0]!.row).toEqual(rows[3]);

    const report = await errorsCsv(organizationId, created.id);
    expect(report[0]).toEqual([...header, "error"]);
    expect(report).toHaveLength(11);
    expect(report[1]).toEqual([...rows[3]!.map((cell) => (cell.startsWith("+") ? `'${cell}` : cell)), `Row 5: ${bad.get(5)}`]);

    await expect.poll(() => events.filter((e) => e.type === "import.progress").length).toBeGreaterThanOrEqual(4);
    expect(events.at(-1)).toEqual({ type: "import.progress", importId: created.id });
    await unsubscribe();
  });

  test("a phone repeated in the file is imported once; later rows are reported as duplicates of the first", async () => {
    const { organizationId, owner } = await org();
    const created = await createRunningImport(prisma, {
      organizationId,
      createdById: owner.id,
      content: csvText([
        ["name", "phone"],
        ["First", "9876543210"],
        ["Other", "9876543211"],
        ["Second", "+91 98765 43210"],
        ["Third", "098765-43210"],
      ]),
    });
    await runContactImport(prisma, created.id, { batchSize: 2 });
    const contacts = await prisma.contact.findMany({ where: { organizationId }, orderBy: { phone: "asc" } });
    expect(contacts.map((c) => [c.name, c.phone])).toEqual([
      ["First", "+919876543210"],
      ["Other", "+919876543211"],
    ]);
    const errors = await prisma.contactImportError.findMany({ where: { importId: created.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((e) => [e.rowNumber, e.message])).toEqual([
      [4, "Duplicate of row 2 (same phone +919876543210)"],
      [5, "Duplicate of row 2 (same phone +919876543210)"],
    ]);
    expect(await importState(created.id)).toMatchObject({ createdCount: 2, failedCount: 2 });
  });

  test("a row with an email and no phone is imported by its email; a row with neither is reported; an email is given to one contact", async () => {
    const { organizationId, owner } = await org();
    const known = await createContact(prisma, { organizationId, name: "Known", phone: "+919876500001", email: "known@example.in" });
    await createCustomFieldDefinition(prisma, { organizationId, key: "city", label: "City" });
    const created = await createRunningImport(prisma, {
      organizationId,
      createdById: owner.id,
      strategy: "MERGE",
      content: csvText([
        ["Name", "Phone", "Email", "City"],
        ["Email Only", "", "Only@Example.in", "Pune"],
        ["Nobody", "", "", "Delhi"],
        ["Known Again", "", "KNOWN@example.in", "Goa"],
        ["Same Email", "", "only@example.in", ""],
        ["Phone And Taken Email", "98765 00002", "known@example.in", ""],
      ]),
    });
    await runContactImport(prisma, created.id, { batchSize: 10 });

    const contacts = await prisma.contact.findMany({ where: { organizationId }, orderBy: { name: "asc" } });
    expect(contacts.map((c) => [c.name, c.phone, c.email])).toEqual([
      ["Email Only", null, "only@example.in"],
      ["Known", "+919876500001", "known@example.in"],
      // Its phone makes it a new contact; the email stays Known's.
      ["Phone And Taken Email", "+919876500002", null],
    ]);
    expect(contacts.find((c) => c.id === known.id)!.customFields).toEqual({ city: "Goa" });
    const errors = await prisma.contactImportError.findMany({ where: { importId: created.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((e) => [e.rowNumber, e.message])).toEqual([
      [3, "Phone and email are both empty: a contact needs one of them"],
      [5, "Duplicate of row 2 (same email only@example.in)"],
    ]);
    expect(await importState(created.id)).toMatchObject({ createdCount: 2, updatedCount: 1, failedCount: 2 });
    expect(await prisma.contactEvent.count({ where: { organizationId, type: "IMPORTED" } })).toBe(2);
  });

  describe("contacts that already exist", () => {
    async function existingWorld() {
      const { organizationId, owner } = await org();
      const agent = await addMember(prisma, { organizationId, role: "AGENT" });
      const tag = await createTag(prisma, { organizationId, name: "old-tag" });
      const existing = await createContact(prisma, {
        organizationId,
        name: "Old Name",
        phone: "+919876543210",
        email: null,
        stage: "ENGAGED",
        temperature: "COLD",
        score: 10,
        ownerId: agent.user.id,
      });
      await prisma.contact.update({ where: { id: existing.id }, data: { customFields: { city: "Pune" } } });
      await prisma.contactTag.create({ data: { organizationId, contactId: existing.id, tagId: tag.id } });
      await createCustomFieldDefinition(prisma, { organizationId, key: "city", label: "City" });
      await createCustomFieldDefinition(prisma, { organizationId, key: "budget", label: "Budget", type: "NUMBER" });
      const content = csvText([
        ["Name", "Phone", "Email", "Stage", "Score", "Tags", "Owner email", "City", "Budget"],
        ["New Name", "98765 43210", "new@example.in", "Negotiation", "90", "vip", owner.email, "Mumbai", "25,000"],
        ["Brand New", "98765 43299", "", "", "", "", "", "", ""],
      ]);
      return { organizationId, owner, agent, existing, content };
    }

    test("SKIP leaves the existing contact untouched", async () => {
      const w = await existingWorld();
      const created = await createRunningImport(prisma, { organizationId: w.organizationId, createdById: w.owner.id, content: w.content, strategy: "SKIP" });
      await runContactImport(prisma, created.id);
      const after = await prisma.contact.findUniqueOrThrow({ where: { id: w.existing.id }, include: { tags: true } });
      expect(after).toMatchObject({ name: "Old Name", email: null, stage: "ENGAGED", score: 10, ownerId: w.agent.user.id, version: 1 });
      expect(after.customFields).toEqual({ city: "Pune" });
      expect(after.tags).toHaveLength(1);
      expect(await importState(created.id)).toMatchObject({ createdCount: 1, skippedCount: 1, updatedCount: 0, failedCount: 0 });
    });

    test("UPDATE overwrites the fields given, adds tags and records the change", async () => {
      const w = await existingWorld();
      const created = await createRunningImport(prisma, { organizationId: w.organizationId, createdById: w.owner.id, content: w.content, strategy: "UPDATE" });
      await runContactImport(prisma, created.id);
      const after = await prisma.contact.findUniqueOrThrow({ where: { id: w.existing.id }, include: { tags: { include: { tag: true } } } });
      expect(after).toMatchObject({
        name: "New Name",
        email: "new@example.in",
        stage: "NEGOTIATION",
        score: 90,
        ownerId: w.owner.id,
        version: 2,
        updatedById: w.owner.id,
      });
      expect(after.customFields).toEqual({ city: "Mumbai", budget: "25000" });
      expect(after.tags.map((t) => t.tag.name).sort()).toEqual(["old-tag", "vip"]);
      expect(await importState(created.id)).toMatchObject({ createdCount: 1, updatedCount: 1, skippedCount: 0 });
      const updated = await prisma.contactEvent.findFirstOrThrow({ where: { contactId: w.existing.id, type: "UPDATED" } });
      expect(updated.data).toMatchObject({
        via: "import",
        importId: created.id,
        changes: expect.arrayContaining([
          { field: "name", before: "Old Name", after: "New Name" },
          { field: "customFields.city", before: "Pune", after: "Mumbai" },
        ]),
      });
      // A stage change is its own event, as the board and bulk actions write it.
      expect((updated.data as { changes: Array<{ field: string }> }).changes.map((change) => change.field)).not.toContain("stage");
      const stage = await prisma.contactEvent.findFirstOrThrow({ where: { contactId: w.existing.id, type: "STAGE_CHANGED" } });
      expect(stage.data).toEqual({ field: "stage", before: "ENGAGED", after: "NEGOTIATION", via: "import", importId: created.id });
      expect(await prisma.contactEvent.count({ where: { contactId: w.existing.id, type: "TAG_ADDED" } })).toBe(1);
      expect(await prisma.contactEvent.count({ where: { contactId: w.existing.id, type: "IMPORTED" } })).toBe(0);
    });

    test("MERGE fills only empty fields and adds tags", async () => {
      const w = await existingWorld();
      const created = await createRunningImport(prisma, { organizationId: w.organizationId, createdById: w.owner.id, content: w.content, strategy: "MERGE" });
      await runContactImport(prisma, created.id);
      const after = await prisma.contact.findUniqueOrThrow({ where: { id: w.existing.id }, include: { tags: { include: { tag: true } } } });
      expect(after).toMatchObject({ name: "Old Name", email: "new@example.in", stage: "ENGAGED", score: 10, ownerId: w.agent.user.id });
      expect(after.customFields).toEqual({ city: "Pune", budget: "25000" });
      expect(after.tags.map((t) => t.tag.name).sort()).toEqual(["old-tag", "vip"]);
      expect(await importState(created.id)).toMatchObject({ createdCount: 1, updatedCount: 1 });
    });

    test("UPDATE with nothing new counts the row as skipped and writes nothing", async () => {
      const w = await existingWorld();
      const content = csvText([["Name", "Phone"], ["Old Name", "9876543210"]]);
      const created = await createRunningImport(prisma, { organizationId: w.organizationId, createdById: w.owner.id, content, strategy: "UPDATE" });
      await runContactImport(prisma, created.id);
      expect(await importState(created.id)).toMatchObject({ updatedCount: 0, skippedCount: 1 });
      expect((await prisma.contact.findUniqueOrThrow({ where: { id: w.existing.id } })).version).toBe(1);
      expect(await prisma.contactEvent.count({ where: { contactId: w.existing.id } })).toBe(0);
    });
  });

  test("running again after completion changes nothing (a retried job)", async () => {
    const { organizationId, owner } = await org();
    const content = csvText([["name", "phone", "tags"], ["A", "9876543210", "x"], ["B", "9876543211", "y"], ["C", "bad", ""]]);
    const created = await createRunningImport(prisma, { organizationId, createdById: owner.id, content });
    await runContactImport(prisma, created.id);
    const first = await importState(created.id);
    expect(await runContactImport(prisma, created.id)).toEqual({ status: "COMPLETED" });
    expect(await importState(created.id)).toEqual(first);
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(2);
    expect(await prisma.contactTag.count({ where: { organizationId } })).toBe(2);
    expect(await prisma.contactEvent.count({ where: { organizationId } })).toBe(2);
    expect(await prisma.contactImportError.count({ where: { importId: created.id } })).toBe(1);
  });

  test("a run interrupted after a batch resumes where it stopped, without doubling anything", async () => {
    const { organizationId, owner } = await org();
    const rows = Array.from({ length: 30 }, (_, i) => [`P${i}`, i % 7 === 6 ? "nope" : `98765${String(i).padStart(5, "0")}`, "t1;t2"]);
    rows.push(["Dup", "9876500000", ""]); // same phone as row 2
    const created = await createRunningImport(prisma, { organizationId, createdById: owner.id, content: csvText([["name", "phone", "tags"], ...rows]) });

    await expect(
      runContactImport(prisma, created.id, {
        batchSize: 10,
        afterBatch: ({ processedRows }) => {
          if (processedRows === 10) throw new Error("worker crashed");
        },
      }),
    ).rejects.toThrow("worker crashed");
    expect(await importState(created.id)).toMatchObject({ status: "RUNNING", processedRows: 10 });
    // A leftover error row past the committed progress (as if a batch died before committing) is cleared on resume.
    await prisma.contactImportError.create({ data: { organizationId, importId: created.id, rowNumber: 15, message: "stale", row: [] } });

    await runContactImport(prisma, created.id, { batchSize: 10 });

    const state = await importState(created.id);
    const badRows = rows.filter((row) => row[1] === "nope").length;
    expect(state).toMatchObject({ status: "COMPLETED", processedRows: 31, createdCount: 30 - badRows, failedCount: badRows + 1 });
    expect(state.createdCount + state.updatedCount + state.skippedCount + state.failedCount).toBe(31);
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(30 - badRows);
    expect(await prisma.contactTag.count({ where: { organizationId } })).toBe(2 * (30 - badRows));
    expect(await prisma.contactEvent.count({ where: { organizationId, type: "IMPORTED" } })).toBe(30 - badRows);
    const errors = await prisma.contactImportError.findMany({ where: { importId: created.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((e) => e.message)).not.toContain("stale");
    expect(errors).toHaveLength(badRows + 1);
    expect(errors.at(-1)).toMatchObject({ rowNumber: 32, message: "Duplicate of row 2 (same phone +919876500000)" });
  });

  test("a stop signal (the worker shutting down) ends the run between batches; the next run resumes after the last commit", async () => {
    const { organizationId, owner } = await org();
    const rows = Array.from({ length: 50 }, (_, i) => [`S${i}`, `98766${String(i).padStart(5, "0")}`]);
    const created = await createRunningImport(prisma, { organizationId, createdById: owner.id, content: csvText([["name", "phone"], ...rows]) });
    const stop = new AbortController();

    await expect(
      runContactImport(prisma, created.id, {
        batchSize: 10,
        signal: stop.signal,
        afterBatch: ({ processedRows }) => {
          if (processedRows === 10) stop.abort();
        },
      }),
    ).rejects.toBeInstanceOf(JobStoppedError);
    const stopped = await importState(created.id);
    expect(stopped.status).toBe("RUNNING");
    // The batch under way when the signal came may still have committed; nothing after it started.
    expect(stopped.processedRows).toBeGreaterThanOrEqual(10);
    expect(stopped.processedRows).toBeLessThan(50);
    // An already-stopped signal starts nothing.
    await expect(runContactImport(prisma, created.id, { signal: stop.signal })).rejects.toBeInstanceOf(JobStoppedError);
    expect(await importState(created.id)).toEqual(stopped);

    await runContactImport(prisma, created.id, { batchSize: 10 });
    expect(await importState(created.id)).toMatchObject({ status: "COMPLETED", processedRows: 50, createdCount: 50, failedCount: 0 });
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(50);
    expect(await prisma.contactEvent.count({ where: { organizationId, type: "IMPORTED" } })).toBe(50);
  });

  test("a row the database refuses costs only itself: the batch is saved row by row, nothing half-written", async () => {
    const { organizationId, owner } = await org();
    // A real refusal from PostgreSQL for one name (as a check constraint would), in this test's own database.
    await prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_exploding_names() RETURNS trigger AS $$
      BEGIN
        IF NEW."name" = 'Explode' THEN RAISE EXCEPTION 'names may not explode' USING ERRCODE = '23514'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_exploding_names BEFORE INSERT ON "Contact" FOR EACH ROW EXECUTE FUNCTION refuse_exploding_names()`,
    );
    try {
      const created = await createRunningImport(prisma, {
        organizationId,
        createdById: owner.id,
        content: csvText([
          ["name", "phone", "tags"],
          ["Fine", "9876543210", "t"],
          ["Explode", "9876543211", "t"],
          ["Also fine", "9876543212", "t"],
        ]),
      });
      await runContactImport(prisma, created.id);
      expect(await importState(created.id)).toMatchObject({ status: "COMPLETED", createdCount: 2, failedCount: 1, processedRows: 3 });
      const errors = await prisma.contactImportError.findMany({ where: { importId: created.id } });
      expect(errors.map((e) => [e.rowNumber, e.message])).toEqual([[3, "Couldn't be saved: names may not explode"]]);
      expect((await prisma.contact.findMany({ where: { organizationId }, orderBy: { phone: "asc" } })).map((c) => c.name)).toEqual([
        "Fine",
        "Also fine",
      ]);
      // Nothing of the refused row exists: no tag link, no timeline.
      expect(await prisma.contactTag.count({ where: { organizationId } })).toBe(2);
      expect(await prisma.contactEvent.count({ where: { organizationId } })).toBe(2);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_exploding_names ON "Contact"`);
    }
  });

  test("an import that is not RUNNING is left alone, and a missing file fails the import with a reason", async () => {
    const { organizationId, owner } = await org();
    const pending = await createPendingImport(prisma, { organizationId, createdById: owner.id, content: "name,phone\nA,9876543210\n" });
    expect(await runContactImport(prisma, pending.id)).toEqual({ status: "PENDING" });
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(0);

    const running = await createRunningImport(prisma, { organizationId, createdById: owner.id, content: "name,phone\nA,9876543210\n" });
    await prisma.contactImportFile.delete({ where: { importId: running.id } });
    expect(await runContactImport(prisma, running.id)).toMatchObject({ status: "FAILED" });
    expect((await importState(running.id)).error).toMatch(/no longer stored/);
  });

  test("owner emails must belong to members, and custom field values are checked by type", async () => {
    const { organizationId, owner } = await org();
    await createCustomFieldDefinition(prisma, { organizationId, key: "plan", label: "Plan", type: "SELECT", options: ["Basic", "Pro"] });
    await createCustomFieldDefinition(prisma, { organizationId, key: "joined", label: "Joined", type: "DATE" });
    const created = await createRunningImport(prisma, {
      organizationId,
      createdById: owner.id,
      content: csvText([
        ["name", "phone", "owner email", "plan", "joined"],
        ["Ok", "9876543210", owner.email.toUpperCase(), "pro", "22/11/2026"],
        ["Stranger", "9876543211", "someone@else.example", "", ""],
        ["Plan", "9876543212", "", "Gold", ""],
        ["Date", "9876543213", "", "", "31/02/2026"],
      ]),
    });
    await runContactImport(prisma, created.id);
    const ok = await prisma.contact.findFirstOrThrow({ where: { organizationId, phone: "+919876543210" } });
    expect(ok.ownerId).toBe(owner.id);
    expect(ok.customFields).toEqual({ plan: "Pro", joined: "2026-11-22" });
    const errors = await prisma.contactImportError.findMany({ where: { importId: created.id }, orderBy: { rowNumber: "asc" } });
    expect(errors.map((e) => e.message)).toEqual([
      `Owner "someone@else.example" isn't a member of this organization`,
      'Plan must be one of Basic, Pro (got "Gold")',
      'Joined must be a date like 2026-11-22 (got "31/02/2026")',
    ]);
  });

  test("an exported file imports back: the formula guard on phones is removed", async () => {
    const { organizationId, owner } = await org();
    const created = await createImportFromUpload(prisma, {
      organizationId,
      userId: owner.id,
      fileName: "contacts-2026-11-22.csv",
      bytes: Buffer.from("\uFEFFName,Phone,Tags\r\n'=1+1,'+919876543210,a;b\r\n"),
    });
    await prisma.contactImport.update({ where: { id: created.id }, data: { status: "RUNNING" } });
    await runContactImport(prisma, created.id);
    const contact = await prisma.contact.findFirstOrThrow({ where: { organizationId } });
    expect(contact).toMatchObject({ name: "=1+1", phone: "+919876543210" });
  });
});
