// The contact routes (/contacts/new, /contacts/:id, /follow-ups,
// /settings/tags, /settings/fields) called the way Remix calls them, with a
// real session cookie. Organization B's ids replayed from organization A get
// 404 (or 403 where the role alone forbids it) and change nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { addMember, createContact, createOrganization, createTag } from "../../prisma/factories";
import { createCustomField, createFollowUp, createNote } from "../../prisma/factories-contact";
import * as contactPage from "./_app.contacts.$id";
import * as newContactPage from "./_app.contacts.new";
import * as followUpsPage from "./_app.follow-ups";
import * as tagsPage from "./_app.settings.tags";
import * as fieldsPage from "./_app.settings.fields";

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

function get(path: string, cookie: string) {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: cookie } });
}

function post(path: string, cookie: string, form: Record<string, string>) {
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

/** Runs a loader or action; a thrown Response counts as its answer. */
async function answer(handler: Handler, request: Request, params: Record<string, string> = {}) {
  try {
    const result = await handler({ request, params, context: {} });
    if (!(result instanceof Response)) throw new Error("expected a Response");
    return result;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function world() {
  const a = await createOrganization(prisma, { name: "Route Org A" });
  const b = await createOrganization(prisma, { name: "Route Org B" });
  const bId = b.organization.id;
  const bAgent = await addMember(prisma, { organizationId: bId, role: "AGENT", user: { name: "B Secret Agent" } });
  const bContact = await createContact(prisma, { organizationId: bId, name: "B Secret Contact", phone: "+919800000001" });
  const bOther = await createContact(prisma, { organizationId: bId, name: "B Other", phone: "+919800000002" });
  const bTag = await createTag(prisma, { organizationId: bId, name: "b-secret-tag" });
  await prisma.contactTag.create({ data: { organizationId: bId, contactId: bContact.id, tagId: bTag.id } });
  const bField = await createCustomField(prisma, { organizationId: bId, key: "b_secret", label: "B Secret", type: "TEXT" });
  const bFollowUp = await createFollowUp(prisma, {
    organizationId: bId,
    contactId: bContact.id,
    assigneeId: bAgent.user.id,
    dueAt: new Date(),
    note: "b-secret-follow-up",
  });
  await createNote(prisma, { organizationId: bId, contactId: bContact.id, body: "b-secret-note" });
  const aId = a.organization.id;
  const aContact = await createContact(prisma, { organizationId: aId, name: "A Contact", phone: "+919800000003" });
  const cookies: Record<"OWNER" | "AGENT" | "VIEWER", string> = {
    OWNER: await signInCookie(a.owner, { organizationId: aId }),
    AGENT: await signInCookie((await addMember(prisma, { organizationId: aId, role: "AGENT" })).user, { organizationId: aId }),
    VIEWER: await signInCookie((await addMember(prisma, { organizationId: aId, role: "VIEWER" })).user, { organizationId: aId }),
  };
  return { a, b, bAgent, bContact, bOther, bTag, bField, bFollowUp, aContact, cookies };
}

type World = Awaited<ReturnType<typeof world>>;

async function snapshotB(w: World) {
  const where = { where: { organizationId: w.b.organization.id } };
  return Promise.all([
    prisma.contact.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.contactTag.findMany({ ...where, orderBy: { tagId: "asc" } }),
    prisma.tag.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.note.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.contactEvent.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.followUp.findMany({ ...where, orderBy: { id: "asc" } }),
    prisma.contactConsent.findMany({ ...where, orderBy: { channel: "asc" } }),
    prisma.customFieldDefinition.findMany({ ...where, orderBy: { id: "asc" } }),
  ]);
}

const SECRETS = ["B Secret", "b-secret", "+919800000001"];

async function expectNoSecrets(response: Response) {
  const text = await response.clone().text();
  for (const secret of SECRETS) expect(text, `leaked ${secret}`).not.toContain(secret);
}

let w: World;
beforeAll(async () => {
  w = await world();
});

describe("replaying organization B's ids on the contact routes", () => {
  test("the contact page of B's contact is 404 for every role in A", async () => {
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      const response = await answer(contactPage.loader as Handler, get(`/contacts/${w.bContact.id}`, w.cookies[role]), { id: w.bContact.id });
      expect(response.status, role).toBe(404);
      await expectNoSecrets(response);
    }
    const malformed = await answer(contactPage.loader as Handler, get("/contacts/nope", w.cookies.OWNER), { id: "nope" });
    expect(malformed.status).toBe(404);
  });

  test("every form on B's contact page answers 404 (403 for a viewer) and B is unchanged", async () => {
    const before = await snapshotB(w);
    const forms: Array<Record<string, string>> = [
      { intent: "details", version: "1", name: "Hijacked" },
      { intent: "status", version: "1", stage: "CHURNED" },
      { intent: "ownership", version: "1", ownerId: "" },
      { intent: "customFields", version: "1", "customFields.b_secret": "x" },
      { intent: "addNote", body: "hijack" },
      { intent: "addTag", name: "hijack" },
      { intent: "removeTag", tagId: w.bTag.id },
      { intent: "consent", formKey: "WHATSAPP", channel: "WHATSAPP", status: "OPTED_OUT", reason: "hijack" },
      { intent: "scheduleFollowUp", kind: "CALL", dueAt: "2030-01-01T10:00" },
      { intent: "completeFollowUp", followUpId: w.bFollowUp.id },
      { intent: "merge", duplicateId: w.bOther.id },
    ];
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      for (const form of forms) {
        const response = await answer(contactPage.action as Handler, post(`/contacts/${w.bContact.id}`, w.cookies[role], form), {
          id: w.bContact.id,
        });
        expect([403, 404], `${role} ${form.intent}`).toContain(response.status);
        if (role !== "VIEWER") expect(response.status, `${role} ${form.intent}`).toBe(404);
        await expectNoSecrets(response);
      }
    }
    // B's ids through A's own contact page.
    const viaA: Array<Record<string, string>> = [
      { intent: "removeTag", tagId: w.bTag.id },
      { intent: "completeFollowUp", followUpId: w.bFollowUp.id },
      { intent: "merge", duplicateId: w.bContact.id },
    ];
    for (const form of viaA) {
      const response = await answer(contactPage.action as Handler, post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, form), {
        id: w.aContact.id,
      });
      expect(response.status, form.intent).toBe(404);
    }
    const owner = await answer(
      contactPage.action as Handler,
      post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, { intent: "ownership", version: "1", ownerId: w.bAgent.user.id }),
      { id: w.aContact.id },
    );
    expect(owner.status).toBe(400);
    expect(await snapshotB(w)).toEqual(before);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.aContact.id } })).toMatchObject({ version: 1, ownerId: null });
  });

  test("/contacts/new refuses B's owner and company; the created contact is A's", async () => {
    const refused = await answer(
      newContactPage.action as Handler,
      post("/contacts/new", w.cookies.OWNER, { intent: "create", name: "X", phone: "98000 00009", ownerId: w.bAgent.user.id }),
    );
    expect(refused.status).toBe(400);
    const created = await answer(
      newContactPage.action as Handler,
      post("/contacts/new", w.cookies.OWNER, { intent: "create", name: "Same As B", phone: "98000 00001" }),
    );
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")!.split("/").pop()!;
    expect(await prisma.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({
      organizationId: w.a.organization.id,
      phone: "+919800000001",
    });
    const viewer = await answer(newContactPage.loader as Handler, get("/contacts/new", w.cookies.VIEWER));
    expect(viewer.status).toBe(403);
    await prisma.contact.delete({ where: { id } });
  });

  test("/follow-ups shows none of B's and can't complete B's", async () => {
    const before = await snapshotB(w);
    const list = await answer(followUpsPage.loader as Handler, get("/follow-ups?assignee=all", w.cookies.OWNER));
    expect(list.status).toBe(200);
    await expectNoSecrets(list);
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      const response = await answer(
        followUpsPage.action as Handler,
        post("/follow-ups", w.cookies[role], { intent: "complete", id: w.bFollowUp.id }),
      );
      expect(response.status, role).toBe(role === "VIEWER" ? 403 : 404);
    }
    const agentAll = await answer(followUpsPage.loader as Handler, get("/follow-ups?assignee=all", w.cookies.AGENT));
    expect(agentAll.status).toBe(403);
    expect(await snapshotB(w)).toEqual(before);
  });

  test("/settings/tags and /settings/fields: B's ids are 404 for admins, 403 for others, and never listed", async () => {
    const before = await snapshotB(w);
    const cases: Array<[Handler, string, Record<string, string>]> = [
      [tagsPage.action as Handler, "/settings/tags", { intent: "update", id: w.bTag.id, name: "hijacked", color: "red" }],
      [tagsPage.action as Handler, "/settings/tags", { intent: "delete", id: w.bTag.id }],
      [fieldsPage.action as Handler, "/settings/fields", { intent: "move", id: w.bField.id, direction: "up" }],
      [fieldsPage.action as Handler, "/settings/fields", { intent: "delete", id: w.bField.id }],
    ];
    for (const [handler, path, form] of cases) {
      expect((await answer(handler, post(path, w.cookies.OWNER, form))).status, `${path} ${form.intent}`).toBe(404);
      expect((await answer(handler, post(path, w.cookies.AGENT, form))).status, `${path} ${form.intent}`).toBe(403);
    }
    for (const [handler, path] of [
      [tagsPage.loader as Handler, "/settings/tags"],
      [fieldsPage.loader as Handler, "/settings/fields"],
    ] as const) {
      const response = await answer(handler, get(path, w.cookies.OWNER));
      expect(response.status).toBe(200);
      await expectNoSecrets(response);
    }
    expect(await snapshotB(w)).toEqual(before);
  });
});

describe("contact routes for the right organization", () => {
  test("a duplicate phone comes back as 409 with the existing contact to link to; a stale version as 409 'Changed by'", async () => {
    const duplicate = await answer(
      newContactPage.action as Handler,
      post("/contacts/new", w.cookies.OWNER, { intent: "create", name: "Again", phone: "098000-00003" }),
    );
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      intent: "create",
      duplicate: { id: w.aContact.id, name: "A Contact", field: "phone" },
      result: { error: { phone: ["A Contact already has this phone number."] } },
    });

    const save = (role: "OWNER" | "AGENT", stage: string) =>
      answer(contactPage.action as Handler, post(`/contacts/${w.aContact.id}`, w.cookies[role], { intent: "status", version: "1", stage }), {
        id: w.aContact.id,
      });
    expect((await save("OWNER", "ENGAGED")).status).toBe(302);
    const stale = await save("AGENT", "CHURNED");
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error[""]![0]).toMatch(/^Changed by .+ at .+ IST — reload to see their changes\.$/);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.aContact.id } })).toMatchObject({ stage: "ENGAGED", version: 2 });
  });

  test("viewers get 403 for changes; field errors are 400 with the field named", async () => {
    const viewer = await answer(
      contactPage.action as Handler,
      post(`/contacts/${w.aContact.id}`, w.cookies.VIEWER, { intent: "addNote", body: "hello" }),
      { id: w.aContact.id },
    );
    expect(viewer.status).toBe(403);
    const invalid = await answer(
      contactPage.action as Handler,
      post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, { intent: "details", version: "2", phone: "12" }),
      { id: w.aContact.id },
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ intent: "details", result: { error: { phone: ["Enter a valid phone number, like 98765 43210"] } } });
  });
});
