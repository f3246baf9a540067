// The contact routes (/contacts/new, /contacts/:id, /follow-ups,
// /settings/tags, /settings/fields) called the way Remix calls them, with a
// real session cookie. Organization B's ids replayed from organization A get
// 404 (or 403 where the role alone forbids it) and change nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { buildTenancyWorld, expectNoneOf, snapshotB } from "~/trpc/routers/contact/contact-tenancy-world";
import { createCustomField, createFollowUp } from "../../prisma/factories-contact";
import * as contactPage from "./_app.contacts.$id";
import * as newContactPage from "./_app.contacts.new";
import * as followUpsPage from "./_app.follow-ups";
import * as tagsPage from "./_app.settings.tags";
import * as fieldsPage from "./_app.settings.fields";
import { getRequest, postRequest, routeAnswer, type RouteHandler } from "~/testing/route-requests";

const get = getRequest;
const post = postRequest;
const answer = routeAnswer;

async function world() {
  const tenancy = await buildTenancyWorld();
  const aId = tenancy.a.organization.id;
  const cookies: Record<"OWNER" | "AGENT" | "VIEWER", string> = {
    OWNER: await signInCookie(tenancy.members.OWNER, { organizationId: aId }),
    AGENT: await signInCookie(tenancy.members.AGENT, { organizationId: aId }),
    VIEWER: await signInCookie(tenancy.members.VIEWER, { organizationId: aId }),
  };
  return { ...tenancy, cookies };
}

type World = Awaited<ReturnType<typeof world>>;

/** `sent`: what the request itself carried (a form echoed back may repeat the ids it was given). */
async function expectNoSecrets(response: Response, sent: string[] = []) {
  expectNoneOf(
    await response.clone().text(),
    w.secrets.filter((secret) => !sent.includes(secret)),
  );
}

let w: World;
beforeAll(async () => {
  w = await world();
});

describe("replaying organization B's ids on the contact routes", () => {
  test("the contact page of B's contact is 404 for every role in A", async () => {
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      const response = await answer(contactPage.loader as RouteHandler, get(`/contacts/${w.bContact.id}`, w.cookies[role]), { id: w.bContact.id });
      expect(response.status, role).toBe(404);
      await expectNoSecrets(response);
    }
    const malformed = await answer(contactPage.loader as RouteHandler, get("/contacts/nope", w.cookies.OWNER), { id: "nope" });
    expect(malformed.status).toBe(404);
  });

  test("every form on B's contact page answers 404 (403 for a viewer) and B is unchanged", async () => {
    const before = await snapshotB(w);
    const forms: Array<Record<string, string>> = [
      { intent: "details", version: "1", name: "Hijacked" },
      { intent: "status", version: "1", stage: "CHURNED" },
      { intent: "ownership", version: "1", ownerId: "" },
      { intent: "customFields", version: "1", "customFields.b_secret_field": "x" },
      { intent: "addNote", body: "hijack" },
      { intent: "addTag", name: "hijack" },
      { intent: "removeTag", tagId: w.bTag.id },
      { intent: "consent", formKey: "WHATSAPP", channel: "WHATSAPP", status: "OPTED_OUT", reason: "hijack" },
      { intent: "scheduleFollowUp", kind: "CALL", dueAt: "2030-01-01T10:00" },
      { intent: "completeFollowUp", followUpId: w.bFollowUp.id },
      { intent: "cancelFollowUp", followUpId: w.bFollowUp.id },
      { intent: "merge", duplicateId: w.bOther.id },
    ];
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      for (const form of forms) {
        const response = await answer(contactPage.action as RouteHandler, post(`/contacts/${w.bContact.id}`, w.cookies[role], form), {
          id: w.bContact.id,
        });
        expect([403, 404], `${role} ${form.intent}`).toContain(response.status);
        if (role !== "VIEWER") expect(response.status, `${role} ${form.intent}`).toBe(404);
        await expectNoSecrets(response, [w.bContact.id, ...Object.values(form)]);
      }
    }
    // B's ids through A's own contact page.
    const viaA: Array<Record<string, string>> = [
      { intent: "removeTag", tagId: w.bTag.id },
      { intent: "completeFollowUp", followUpId: w.bFollowUp.id },
      { intent: "cancelFollowUp", followUpId: w.bFollowUp.id },
      { intent: "merge", duplicateId: w.bContact.id },
    ];
    for (const form of viaA) {
      const response = await answer(contactPage.action as RouteHandler, post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, form), {
        id: w.aContact.id,
      });
      expect(response.status, form.intent).toBe(404);
    }
    const owner = await answer(
      contactPage.action as RouteHandler,
      post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, { intent: "ownership", version: "1", ownerId: w.bAgent.user.id }),
      { id: w.aContact.id },
    );
    expect(owner.status).toBe(400);
    expect(await snapshotB(w)).toEqual(before);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.aContact.id } })).toMatchObject({ version: 1, ownerId: null });
  });

  test("/contacts/new refuses B's owner and company; the created contact is A's", async () => {
    const refused = await answer(
      newContactPage.action as RouteHandler,
      post("/contacts/new", w.cookies.OWNER, { intent: "create", name: "X", phone: "98123 00009", ownerId: w.bAgent.user.id }),
    );
    expect(refused.status).toBe(400);
    const created = await answer(
      newContactPage.action as RouteHandler,
      post("/contacts/new", w.cookies.OWNER, { intent: "create", name: "Same As B", phone: "98123 00001" }),
    );
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")!.split("/").pop()!;
    expect(await prisma.contact.findUniqueOrThrow({ where: { id } })).toMatchObject({
      organizationId: w.a.organization.id,
      phone: "+919812300001",
    });
    const viewer = await answer(newContactPage.loader as RouteHandler, get("/contacts/new", w.cookies.VIEWER));
    expect(viewer.status).toBe(403);
    await prisma.contact.delete({ where: { id } });
  });

  test("/follow-ups shows none of B's and can't complete B's", async () => {
    const before = await snapshotB(w);
    const list = await answer(followUpsPage.loader as RouteHandler, get("/follow-ups?assignee=all", w.cookies.OWNER));
    expect(list.status).toBe(200);
    await expectNoSecrets(list);
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      for (const intent of ["complete", "cancel"]) {
        const response = await answer(followUpsPage.action as RouteHandler, post("/follow-ups", w.cookies[role], { intent, id: w.bFollowUp.id }));
        expect(response.status, `${role} ${intent}`).toBe(role === "VIEWER" ? 403 : 404);
        await expectNoSecrets(response);
      }
    }
    const agentAll = await answer(followUpsPage.loader as RouteHandler, get("/follow-ups?assignee=all", w.cookies.AGENT));
    expect(agentAll.status).toBe(403);
    expect(await snapshotB(w)).toEqual(before);
  });

  test("/settings/tags and /settings/fields: B's ids are 404 for admins, 403 for others, and never listed", async () => {
    const before = await snapshotB(w);
    const cases: Array<[RouteHandler, string, Record<string, string>]> = [
      [tagsPage.action as RouteHandler, "/settings/tags", { intent: "update", id: w.bTag.id, name: "hijacked", color: "red" }],
      [tagsPage.action as RouteHandler, "/settings/tags", { intent: "delete", id: w.bTag.id }],
      [fieldsPage.action as RouteHandler, "/settings/fields", { intent: "update", id: w.bField.id, label: "Hijacked" }],
      [
        fieldsPage.action as RouteHandler,
        "/settings/fields",
        {
          intent: "update",
          id: w.bChoice.id,
          label: "Hijacked",
          "options[0].from": "b-secret-gold",
          "options[0].name": "hijacked",
          "options[1].name": "other",
          clearRemoved: "on",
        },
      ],
      [fieldsPage.action as RouteHandler, "/settings/fields", { intent: "move", id: w.bField.id, direction: "up" }],
      [fieldsPage.action as RouteHandler, "/settings/fields", { intent: "delete", id: w.bField.id }],
    ];
    for (const [handler, path, form] of cases) {
      const admin = await answer(handler, post(path, w.cookies.OWNER, form));
      expect(admin.status, `${path} ${form.intent}`).toBe(404);
      await expectNoSecrets(admin);
      expect((await answer(handler, post(path, w.cookies.AGENT, form))).status, `${path} ${form.intent}`).toBe(403);
    }
    for (const [handler, path] of [
      [tagsPage.loader as RouteHandler, "/settings/tags"],
      [fieldsPage.loader as RouteHandler, "/settings/fields"],
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
      newContactPage.action as RouteHandler,
      post("/contacts/new", w.cookies.OWNER, { intent: "create", name: "Again", phone: "098123-00003" }),
    );
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      intent: "create",
      duplicate: { id: w.aContact.id, name: "A Contact", field: "phone" },
      result: { error: { phone: ["A Contact already has this phone number."] } },
    });

    const save = (role: "OWNER" | "AGENT", stage: string) =>
      answer(contactPage.action as RouteHandler, post(`/contacts/${w.aContact.id}`, w.cookies[role], { intent: "status", version: "1", stage }), {
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
      contactPage.action as RouteHandler,
      post(`/contacts/${w.aContact.id}`, w.cookies.VIEWER, { intent: "addNote", body: "hello" }),
      { id: w.aContact.id },
    );
    expect(viewer.status).toBe(403);
    const invalid = await answer(
      contactPage.action as RouteHandler,
      post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, { intent: "details", version: "2", phone: "12" }),
      { id: w.aContact.id },
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ intent: "details", result: { error: { phone: ["Enter a valid phone number, like 98765 43210"] } } });
    const tooLong = await answer(
      contactPage.action as RouteHandler,
      post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, { intent: "addNote", body: "x".repeat(20000) }),
      { id: w.aContact.id },
    );
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      intent: "addNote",
      result: { error: { body: ["A note can be up to 5,000 characters; this one has 20,000. Shorten it or split it into two notes"] } },
    });
    expect(await prisma.note.count({ where: { contactId: w.aContact.id } })).toBe(0);
  });

  test("/settings/fields edits without JavaScript: option rows are added and moved by round trip, a refusal keeps the form, a save renames on contacts", async () => {
    const aId = w.a.organization.id;
    const field = await createCustomField(prisma, { organizationId: aId, key: "plan", label: "Plan", type: "SELECT", options: ["basic", "pro"] });
    await prisma.contact.update({ where: { id: w.aContact2.id }, data: { customFields: { plan: "pro" } } });
    const edit = (extra: Record<string, string>) =>
      answer(
        fieldsPage.action as RouteHandler,
        post("/settings/fields", w.cookies.OWNER, {
          intent: "update",
          id: field.id,
          label: "Plan",
          "options[0].from": "basic",
          "options[0].name": "basic",
          "options[1].from": "pro",
          "options[1].name": "pro",
          ...extra,
        }),
      );

    // "Add option" (a Conform list button): the same page comes back with an empty third row, nothing saved.
    const added = await edit({ __intent__: JSON.stringify({ type: "insert", payload: { name: "options", defaultValue: { from: "", name: "" } } }) });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({
      fieldId: field.id,
      result: { initialValue: { options: [{ from: "basic", name: "basic" }, { from: "pro", name: "pro" }, {}] } },
    });
    const moved = await edit({ __intent__: JSON.stringify({ type: "reorder", payload: { name: "options", from: 1, to: 0 } }) });
    expect(await moved.json()).toMatchObject({ result: { initialValue: { options: [{ from: "pro" }, { from: "basic" }] } } });
    expect(await prisma.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } })).toMatchObject({ options: ["basic", "pro"] });

    // Removing "pro", which a contact has: 400 with the count next to the options.
    const refused = await answer(
      fieldsPage.action as RouteHandler,
      post("/settings/fields", w.cookies.OWNER, { intent: "update", id: field.id, label: "Plan", "options[0].from": "basic", "options[0].name": "basic", "options[1].name": "gold" }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fieldId: field.id, result: { error: { options: [expect.stringMatching(/^pro is set on 1 contact\. /)] } } });
    const duplicate = await edit({ "options[1].name": "Basic" });
    expect(duplicate.status).toBe(400);
    expect(await duplicate.json()).toMatchObject({ result: { error: { "options[1].name": ["Basic is already an option"] } } });

    const saved = await edit({ label: "Subscription plan", "options[1].name": "Pro plan" });
    expect(saved.status).toBe(302);
    expect(await prisma.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } })).toMatchObject({
      label: "Subscription plan",
      options: ["basic", "Pro plan"],
    });
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: w.aContact2.id } })).customFields).toEqual({ plan: "Pro plan" });
    const agent = await answer(fieldsPage.action as RouteHandler, post("/settings/fields", w.cookies.AGENT, { intent: "update", id: field.id, label: "Mine" }));
    expect(agent.status).toBe(403);
  });

  test("cancelling a follow-up from /follow-ups and from the contact page redirects back with a message", async () => {
    const aId = w.a.organization.id;
    const make = () => createFollowUp(prisma, { organizationId: aId, contactId: w.aContact.id, assigneeId: w.members.OWNER.id, dueAt: new Date() });
    const fromList = await make();
    const fromPage = await make();
    const list = await answer(followUpsPage.action as RouteHandler, post("/follow-ups?assignee=me", w.cookies.OWNER, { intent: "cancel", id: fromList.id }));
    expect(list.status).toBe(302);
    expect(list.headers.get("Location")).toBe("/follow-ups?assignee=me");
    const page = await answer(
      contactPage.action as RouteHandler,
      post(`/contacts/${w.aContact.id}`, w.cookies.OWNER, { intent: "cancelFollowUp", followUpId: fromPage.id }),
      { id: w.aContact.id },
    );
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/contacts/${w.aContact.id}`);
    expect((await prisma.followUp.findMany({ where: { id: { in: [fromList.id, fromPage.id] } } })).map((f) => f.status)).toEqual([
      "CANCELLED",
      "CANCELLED",
    ]);
    // A viewer may not; nothing changes.
    const pending = await make();
    const viewer = await answer(followUpsPage.action as RouteHandler, post("/follow-ups", w.cookies.VIEWER, { intent: "cancel", id: pending.id }));
    expect(viewer.status).toBe(403);
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "PENDING" });
  });
});
