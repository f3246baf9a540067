// The import and export routes over real requests: upload limits and answers,
// the failed-rows download, the CSV export, and tenant isolation on each.
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { runContactImport } from "~/services/contact-import.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { addMember, createContact, createOrganization } from "../../prisma/factories";
import { createRunningImport, csvText } from "../../prisma/factories-imports";
import { action as uploadAction } from "./_app.imports.new";
import { action as importAction, loader as importLoader } from "./_app.imports.$id";
import { loader as errorsLoader } from "./imports.$id.errors[.]csv";
import { loader as exportLoader } from "./contacts.export";

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };

/** Runs a loader or action and returns its Response, thrown or returned. */
async function respond(handler: (args: Args) => Promise<unknown>, request: Request, params: Record<string, string> = {}) {
  try {
    const result = await handler({ request, params, context: {} });
    if (!(result instanceof Response)) throw new Error("expected a Response");
    return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function get(path: string, cookie?: string) {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

function multipart(fileName: string, content: Uint8Array | string) {
  const form = new FormData();
  form.append("file", new File([typeof content === "string" ? content : new Uint8Array(content)], fileName, { type: "text/csv" }));
  return form;
}

function upload(cookie: string, body: FormData) {
  return new Request(`${TEST_ORIGIN}/imports/new`, { method: "POST", headers: { Cookie: cookie }, body });
}

/** A multipart body of `size` bytes of file content, produced as a stream (never held in memory). */
function streamingUpload(cookie: string, size: number, withLength: boolean) {
  const boundary = "----leadlane-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\nname,phone\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const line = Buffer.from("Asha Rao,+919876543210\r\n".padEnd(64, " "));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(head);
      if (sent >= size) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      const piece = Buffer.alloc(Math.min(1024 * 1024, size - sent));
      for (let offset = 0; offset < piece.length; offset += line.length) line.copy(piece, offset);
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
  const headers: Record<string, string> = { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` };
  if (withLength) headers["Content-Length"] = String(head.length + size + tail.length);
  return { request: new Request(`${TEST_ORIGIN}/imports/new`, { method: "POST", headers, body, duplex: "half" } as RequestInit), sent: () => sent };
}

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const manager = await addMember(prisma, { organizationId: organization.id, role: "MANAGER" });
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const viewer = await addMember(prisma, { organizationId: organization.id, role: "VIEWER" });
  return { organization, owner, manager, agent, viewer };
}

describe("POST /imports/new", () => {
  test("a CSV upload is stored and the browser is sent to the mapping step", async () => {
    const t = await team();
    const cookie = await signInCookie(t.manager.user, { organizationId: t.organization.id });
    const response = await respond(uploadAction, upload(cookie, multipart("leads.csv", "Name,Phone\nAsha,9876543210\n")));
    expect(response.status).toBe(302);
    const stored = await prisma.contactImport.findFirstOrThrow({ where: { organizationId: t.organization.id } });
    expect(response.headers.get("Location")).toBe(`/imports/${stored.id}`);
    expect(stored).toMatchObject({ fileName: "leads.csv", status: "PENDING", totalRows: 1 });
  });

  test("a file over 50 MB is refused from its Content-Length, without reading it into memory", async () => {
    const t = await team();
    const cookie = await signInCookie(t.manager.user, { organizationId: t.organization.id });
    const { request } = streamingUpload(cookie, 200 * 1024 * 1024, true);
    const response = await respond(uploadAction, request);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "The file is 200 MB; the limit is 50 MB — split it into smaller files." });
    expect(await prisma.contactImport.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("without a Content-Length, the parser stops at 50 MB", async () => {
    const t = await team();
    const cookie = await signInCookie(t.manager.user, { organizationId: t.organization.id });
    const upload51 = streamingUpload(cookie, 51 * 1024 * 1024, false);
    const response = await respond(uploadAction, upload51.request);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe(
      "The file is larger than 50 MB, the limit — split it into smaller files.",
    );
    expect(await prisma.contactImport.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("a Windows-1252 file from Excel is read and the mapping step says so; a binary file and no file at all get clear answers", async () => {
    const t = await team();
    const cookie = await signInCookie(t.owner, { organizationId: t.organization.id });
    const windows1252 = new Uint8Array(Buffer.from("name,phone\nJos\xe9 M\xfcller,9876543210\n", "latin1"));
    const accepted = await respond(uploadAction, upload(cookie, multipart("excel.csv", windows1252)));
    expect(accepted.status).toBe(302);
    const id = accepted.headers.get("Location")!.split("/").pop()!;
    const page = (await (await respond(importLoader, get(`/imports/${id}`, cookie), { id })).json()) as {
      encoding: string;
      preview: Array<{ values: Record<string, string> }>;
    };
    expect(page.encoding).toBe("Windows-1252 (Western European; Excel's plain CSV)");
    expect(page.preview[0]!.values.name).toBe("José Müller");

    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    const refused = await respond(uploadAction, upload(cookie, multipart("leads.xlsx", xlsx)));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^This file isn't a CSV text file .* in Excel use Save As → CSV UTF-8/);
    expect(await prisma.contactImport.count({ where: { organizationId: t.organization.id } })).toBe(1);
    const empty = new FormData();
    empty.append("file", new File([], "", { type: "application/octet-stream" }));
    const missing = await respond(uploadAction, upload(cookie, empty));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "Choose a CSV file to upload." });
  });

  test("an AGENT is refused before anything is read", async () => {
    const t = await team();
    const cookie = await signInCookie(t.agent.user, { organizationId: t.organization.id });
    const response = await respond(uploadAction, upload(cookie, multipart("leads.csv", "Name,Phone\nAsha,9876543210\n")));
    expect(response.status).toBe(403);
    expect(await prisma.contactImport.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("signed out: sent to sign in", async () => {
    const response = await respond(uploadAction, new Request(`${TEST_ORIGIN}/imports/new`, { method: "POST", body: new FormData() }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("/imports/:id and /imports/:id/errors.csv", () => {
  test("the failed rows download as CSV with the original columns and an error column", async () => {
    const t = await team();
    const created = await createRunningImport(prisma, {
      organizationId: t.organization.id,
      createdById: t.owner.id,
      fileName: "webinar leads.csv",
      content: csvText([["Name", "Phone", "City"], ["Good", "9876543210", "Pune"], ["=cmd|' /C calc'!A0", "12", "Delhi"]]),
    });
    await runContactImport(prisma, created.id);
    const cookie = await signInCookie(t.manager.user, { organizationId: t.organization.id });
    const response = await respond(errorsLoader, get(`/imports/${created.id}/errors.csv`, cookie), { id: created.id });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="webinar leads-failed-rows.csv"');
    const rows = parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
    expect(rows).toEqual([
      ["Name", "Phone", "City", "error"],
      ["'=cmd|' /C calc'!A0", "12", "Delhi", 'Row 3: Phone "12" isn\'t a valid phone number'],
    ]);
  });

  test("organization A gets 404 for B's import page and B's failed rows; an AGENT gets 403", async () => {
    const a = await team();
    const b = await team();
    const bImport = await createRunningImport(prisma, {
      organizationId: b.organization.id,
      createdById: b.owner.id,
      content: csvText([["Name", "Phone"], ["B Secret Person", "1"]]),
    });
    await runContactImport(prisma, bImport.id);
    const aCookie = await signInCookie(a.owner, { organizationId: a.organization.id });
    for (const [handler, path] of [
      [importLoader, `/imports/${bImport.id}`],
      [errorsLoader, `/imports/${bImport.id}/errors.csv`],
    ] as const) {
      const response = await respond(handler as (args: Args) => Promise<unknown>, get(path, aCookie), { id: bImport.id });
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("B Secret");
    }
    // Posting settings for B's import from A: 404, and B's import doesn't move.
    const before = await prisma.contactImport.findUniqueOrThrow({ where: { id: bImport.id } });
    for (const intent of ["configure", "start"]) {
      const body = new URLSearchParams({ intent, id: bImport.id, duplicateStrategy: "UPDATE", "mapping.name": "0", "mapping.phone": "1" });
      const request = new Request(`${TEST_ORIGIN}/imports/${bImport.id}`, {
        method: "POST",
        headers: { Cookie: aCookie, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      const response = await respond(importAction, request, { id: bImport.id });
      expect(response.status, intent).toBe(404);
    }
    expect(await prisma.contactImport.findUniqueOrThrow({ where: { id: bImport.id } })).toEqual(before);
    const agentCookie = await signInCookie(a.agent.user, { organizationId: a.organization.id });
    const forbidden = await respond(errorsLoader, get(`/imports/${bImport.id}/errors.csv`, agentCookie), { id: bImport.id });
    expect(forbidden.status).toBe(403);
    const malformed = await respond(importLoader, get("/imports/not-an-id", aCookie), { id: "not-an-id" });
    expect(malformed.status).toBe(404);
  });
});

describe("GET /contacts/export", () => {
  test("streams the filtered list as a CSV attachment, only the organization's own contacts", async () => {
    const a = await team();
    const b = await team();
    await createContact(prisma, { organizationId: a.organization.id, name: "Hot A", temperature: "HOT", phone: "+919800000001" });
    await createContact(prisma, { organizationId: a.organization.id, name: "Cold A", temperature: "COLD", phone: "+919800000002" });
    await createContact(prisma, { organizationId: b.organization.id, name: "Hot B", temperature: "HOT", phone: "+919800000003" });
    const cookie = await signInCookie(a.viewer.user, { organizationId: a.organization.id });

    const response = await respond(exportLoader, get("/contacts/export?temperature=HOT&sort=name&dir=asc&page=3", cookie));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ["Name", "Phone"],
      ["Hot A", "+919800000001"],
    ]);

    const everything = await respond(exportLoader, get("/contacts/export", cookie));
    const text = await everything.text();
    expect(text).toContain("Cold A");
    expect(text).not.toContain("Hot B");
    expect(text).not.toContain("+919800000003");
  });

  test("a bad filter is a 400 with a plain sentence, as on the list; signed out goes to sign in", async () => {
    const a = await team();
    const cookie = await signInCookie(a.viewer.user, { organizationId: a.organization.id });
    const bad = await respond(exportLoader, get("/contacts/export?stage=WON&cf.UPPER=1", cookie));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const sentence = await bad.text();
    expect(sentence).toMatch(/^This view has a problem: Unknown stage; Unknown custom field\./);
    expect(sentence).not.toMatch(/[{}[\]]|"code"/);
    const anonymous = await respond(exportLoader, get("/contacts/export"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/contacts/export")}`);
  });
});
