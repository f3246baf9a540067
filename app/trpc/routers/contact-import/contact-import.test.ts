import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { runContactImport } from "~/services/contact-import.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { addMember, createContact, createOrganization } from "../../../../prisma/factories";
import { createPendingImport, createRunningImport, csvText } from "../../../../prisma/factories-imports";

const CSV = csvText([
  ["Full name", "Mobile", "Email", "Notes"],
  ["Asha Rao", "98765 43210", "asha@example.in", "met at webinar"],
  ["Bad Phone", "12", "", ""],
]);

function bytes(text: string) {
  return new Blob([text]);
}

async function team() {
  const { organization, owner } = await createOrganization(prisma, { name: "Importers" });
  const manager = await addMember(prisma, { organizationId: organization.id, role: "MANAGER" });
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const viewer = await addMember(prisma, { organizationId: organization.id, role: "VIEWER" });
  return { organization, owner, manager, agent, viewer };
}

describe("contactImport procedures", () => {
  test("a MANAGER uploads, sees the guessed mapping and preview, changes settings and starts the import", async () => {
    const t = await team();
    const { caller } = await callerFor(t.manager.user, { organizationId: t.organization.id });

    const created = await caller.contactImport.create({ fileName: "leads.csv", content: bytes(CSV) });
    expect(created.totalRows).toBe(2);

    const view = await caller.contactImport.get({ id: created.id });
    expect(view.contactImport).toMatchObject({ fileName: "leads.csv", status: "PENDING", totalRows: 2, duplicateStrategy: "SKIP" });
    expect(view.headers).toEqual(["Full name", "Mobile", "Email", "Notes"]);
    expect(view.columns).toMatchObject({ name: 0, phone: 1, email: 2 });
    expect(view.missingRequired).toEqual([]);
    expect(view.preview).toEqual([
      { rowNumber: 2, values: { name: "Asha Rao", phone: "+919876543210", email: "asha@example.in" }, problems: [], existing: false },
      { rowNumber: 3, values: { name: "Bad Phone", phone: "12", email: "" }, problems: ['Phone "12" isn\'t a valid phone number'], existing: false },
    ]);

    await caller.contactImport.configure({ id: created.id, duplicateStrategy: "MERGE", mapping: { name: 0, phone: 1, customFields: {} } });
    const configured = await caller.contactImport.get({ id: created.id });
    expect(configured.contactImport.duplicateStrategy).toBe("MERGE");
    expect(configured.columns).toEqual({ name: 0, phone: 1, customFields: {} });

    await caller.contactImport.start({ id: created.id, duplicateStrategy: "MERGE", mapping: { name: 0, phone: 1, email: 2, customFields: {} } });
    const started = await caller.contactImport.get({ id: created.id });
    expect(started.contactImport.status).toBe("RUNNING");
    expect(started.preview).toBeNull();
    const jobs = await prisma.$queryRaw<Array<{ key: string }>>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'contacts_import'`;
    expect(jobs.map((job) => job.key)).toContain(`contacts_import:${created.id}`);

    // Starting twice, or changing the settings once running, is refused.
    await expectTRPCError(
      caller.contactImport.start({ id: created.id, duplicateStrategy: "SKIP", mapping: { name: 0, phone: 1, customFields: {} } }),
      "CONFLICT",
    );

    await runContactImport(prisma, created.id);
    const done = await caller.contactImport.get({ id: created.id });
    expect(done.contactImport).toMatchObject({ status: "COMPLETED", createdCount: 1, failedCount: 1 });
    expect(await caller.contactImport.errorReport({ id: created.id })).toMatchObject({
      id: created.id,
      fileName: "leads.csv",
      headers: ["Full name", "Mobile", "Email", "Notes"],
      failedCount: 1,
    });
    const list = await caller.contactImport.list();
    expect(list.map((item) => item.id)).toEqual([created.id]);
  });

  test("missing required columns: a clear field error, nothing saved", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    const created = await caller.contactImport.create({ fileName: "no-phone.csv", content: bytes("Name,City\nAsha,Pune\n") });
    const view = await caller.contactImport.get({ id: created.id });
    expect(view.missingRequired).toEqual(["Phone or email"]);

    const error = await expectTRPCError(
      caller.contactImport.start({ id: created.id, duplicateStrategy: "SKIP", mapping: { name: 0, customFields: {} } }),
      "BAD_REQUEST",
    );
    expect(error.cause?.message).toMatch(/phone or email/);
    await expectTRPCError(
      caller.contactImport.configure({ id: created.id, duplicateStrategy: "SKIP", mapping: { name: 0, phone: 7, customFields: {} } }),
      "BAD_REQUEST",
      "That column isn't in the file.",
    );
    expect((await prisma.contactImport.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("PENDING");
  });

  test("a file that isn't text is refused with how to save it properly; a Windows-1252 file is read and says so", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await expectTRPCError(
      caller.contactImport.create({ fileName: "excel.xlsx", content: new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])]) }),
      "BAD_REQUEST",
      /isn't a CSV text file .* in Excel use Save As → CSV UTF-8/,
    );
    expect(await prisma.contactImport.count({ where: { organizationId: t.organization.id } })).toBe(0);

    const created = await caller.contactImport.create({
      fileName: "excel.csv",
      content: new Blob([new Uint8Array(Buffer.from("name,phone\nJos\xe9 M\xfcller,9876543210\n", "latin1"))]),
    });
    const view = await caller.contactImport.get({ id: created.id });
    expect(view.encoding).toBe("Windows-1252 (Western European; Excel's plain CSV)");
    expect(view.preview?.[0]?.values.name).toBe("José Müller");
    expect((await caller.contactImport.get({ id: (await caller.contactImport.create({ fileName: "u.csv", content: bytes(CSV) })).id })).encoding).toBe("UTF-8");
  });

  test.each(["AGENT", "VIEWER"] as const)("an %s cannot import (FORBIDDEN) but can prepare an export", async (role) => {
    const t = await team();
    const actor = role === "AGENT" ? t.agent : t.viewer;
    const pending = await createPendingImport(prisma, { organizationId: t.organization.id, createdById: t.owner.id, content: CSV });
    const { caller } = await callerFor(actor.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.contactImport.create({ fileName: "x.csv", content: bytes(CSV) }), "FORBIDDEN");
    await expectTRPCError(caller.contactImport.list(), "FORBIDDEN");
    await expectTRPCError(caller.contactImport.get({ id: pending.id }), "FORBIDDEN");
    await expectTRPCError(
      caller.contactImport.start({ id: pending.id, duplicateStrategy: "SKIP", mapping: { name: 0, phone: 1, customFields: {} } }),
      "FORBIDDEN",
    );
    await expectTRPCError(caller.contactImport.errorReport({ id: pending.id }), "FORBIDDEN");
    expect((await prisma.contactImport.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");
    const plan = await caller.contactImport.prepareExport({ filter: { stage: ["NEW"], temperature: [], source: [], tag: [] } });
    expect(plan.scope).toEqual({ organizationId: t.organization.id, userId: actor.user.id });
    expect(plan.filter.stage).toEqual(["NEW"]);
    expect(plan.fileName).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  test("prepareExport refuses a malformed filter", async () => {
    const t = await team();
    const { caller } = await callerFor(t.viewer.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.contactImport.prepareExport({ filter: { stage: ["WON"] } } as never), "BAD_REQUEST");
  });
});

describe("tenant isolation: organization A replaying organization B's import ids", () => {
  test("every procedure answers NOT_FOUND, shows nothing of B's, and B's import is unchanged", async () => {
    const a = await team();
    const b = await team();
    await createContact(prisma, { organizationId: b.organization.id, name: "B Secret", phone: "+919811111111" });
    const bPending = await createPendingImport(prisma, {
      organizationId: b.organization.id,
      createdById: b.owner.id,
      content: csvText([["name", "phone"], ["B Person", "9822222222"]]),
      fileName: "b-secret.csv",
    });
    const bDone = await createRunningImport(prisma, {
      organizationId: b.organization.id,
      createdById: b.owner.id,
      content: csvText([["name", "phone"], ["B Bad", "1"]]),
    });
    await runContactImport(prisma, bDone.id);
    const before = await prisma.contactImport.findMany({ where: { organizationId: b.organization.id }, orderBy: { id: "asc" }, include: { file: true, errors: true } });

    for (const actor of [a.owner, a.manager.user]) {
      const { caller } = await callerFor(actor, { organizationId: a.organization.id });
      for (const id of [bPending.id, bDone.id]) {
        const refusals = [
          await expectTRPCError(caller.contactImport.get({ id }), "NOT_FOUND"),
          await expectTRPCError(caller.contactImport.errorReport({ id }), "NOT_FOUND"),
          await expectTRPCError(
            caller.contactImport.configure({ id, duplicateStrategy: "UPDATE", mapping: { name: 0, phone: 1, customFields: {} } }),
            "NOT_FOUND",
          ),
          await expectTRPCError(
            caller.contactImport.start({ id, duplicateStrategy: "UPDATE", mapping: { name: 0, phone: 1, customFields: {} } }),
            "NOT_FOUND",
          ),
        ];
        for (const refusal of refusals) expect(JSON.stringify(refusal)).not.toMatch(/b-secret|B Person|B Bad/);
      }
      const list = await caller.contactImport.list();
      expect(JSON.stringify(list)).not.toMatch(/b-secret|B Person/);
      expect(list).toHaveLength(0);
      const plan = await caller.contactImport.prepareExport({ filter: { stage: [], temperature: [], source: [], tag: [] } });
      expect(plan.scope.organizationId).toBe(a.organization.id);
    }
    const after = await prisma.contactImport.findMany({ where: { organizationId: b.organization.id }, orderBy: { id: "asc" }, include: { file: true, errors: true } });
    expect(after).toEqual(before);
    const bJobs = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`contacts_import:${bPending.id}`}`;
    expect(bJobs[0]!.n).toBe(0);
  });
});
