// /contacts/:id/merge and /contacts/:id/delete called the way Remix calls them
// (plain form posts, as without JavaScript), with a real session cookie.
// Organization B's ids replayed from organization A get 404 (403 where the
// role alone forbids it) and change nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { buildTenancyWorld, expectNoneOf, snapshotB } from "~/trpc/routers/contact/contact-tenancy-world";
import { getRequest as get, postRequest as post, routeAnswer as answer, type RouteHandler } from "~/testing/route-requests";
import { createContact } from "../../prisma/factories";
import * as mergePage from "./_app.contacts.$id_.merge";
import * as deletePage from "./_app.contacts.$id_.delete";

async function world() {
  const tenancy = await buildTenancyWorld();
  const aId = tenancy.a.organization.id;
  const cookies = {
    OWNER: await signInCookie(tenancy.members.OWNER, { organizationId: aId }),
    AGENT: await signInCookie(tenancy.members.AGENT, { organizationId: aId }),
    VIEWER: await signInCookie(tenancy.members.VIEWER, { organizationId: aId }),
  };
  return { ...tenancy, cookies };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

async function allRows() {
  return {
    contacts: await prisma.contact.count(),
    identities: await prisma.contactIdentity.count(),
    events: await prisma.contactEvent.count(),
    bulk: await prisma.bulkOperation.count(),
  };
}

describe("replaying organization B's ids", () => {
  test("the merge and delete pages of B's contact are 404 for every role in A, and so is comparing with B's contact", async () => {
    for (const role of ["OWNER", "AGENT", "VIEWER"] as const) {
      for (const [handler, path] of [
        [mergePage.loader, `/contacts/${w.bContact.id}/merge`],
        [deletePage.loader, `/contacts/${w.bContact.id}/delete`],
      ] as const) {
        const response = await answer(handler as RouteHandler, get(path, w.cookies[role]), { id: w.bContact.id });
        expect(response.status, `${role} ${path}`).toBe(404);
        expectNoneOf(await response.text(), w.secrets);
      }
    }
    const compare = await answer(mergePage.loader as RouteHandler, get(`/contacts/${w.aContact.id}/merge?with=${w.bContact.id}`, w.cookies.OWNER), {
      id: w.aContact.id,
    });
    expect(compare.status).toBe(404);
    expectNoneOf(await compare.text(), w.secrets.filter((secret) => secret !== w.bContact.id));
    // A's own merge page never lists B's look-alikes (B has a contact with the same name pattern and email).
    const own = await answer(mergePage.loader as RouteHandler, get(`/contacts/${w.aContact.id}/merge?q=secret`, w.cookies.OWNER), { id: w.aContact.id });
    expect(own.status).toBe(200);
    expectNoneOf(await own.text(), w.secrets);
  });

  test("posting a merge or a delete with B's ids is 404 (403 for an agent deleting) and nothing anywhere changes", async () => {
    const before = { b: await snapshotB(w), rows: await allRows() };
    const attempts: Array<[RouteHandler, string, string, Record<string, string>, "OWNER" | "AGENT", number]> = [
      [mergePage.action as RouteHandler, `/contacts/${w.aContact.id}/merge`, w.aContact.id, { duplicateId: w.bContact.id }, "OWNER", 404],
      [mergePage.action as RouteHandler, `/contacts/${w.bContact.id}/merge`, w.bContact.id, { duplicateId: w.aContact.id }, "OWNER", 404],
      [mergePage.action as RouteHandler, `/contacts/${w.bContact.id}/merge`, w.bContact.id, { duplicateId: w.bOther.id }, "OWNER", 404],
      [deletePage.action as RouteHandler, `/contacts/${w.bContact.id}/delete`, w.bContact.id, {}, "OWNER", 404],
      [deletePage.action as RouteHandler, `/contacts/${w.bContact.id}/delete`, w.bContact.id, {}, "AGENT", 403],
    ];
    for (const [handler, path, id, form, role, status] of attempts) {
      const response = await answer(handler, post(path, w.cookies[role], form), { id });
      expect(response.status, `${role} ${path}`).toBe(status);
      expectNoneOf(await response.text(), w.secrets.filter((secret) => !Object.values(form).includes(secret) && secret !== id));
    }
    expect(await snapshotB(w)).toEqual(before.b);
    expect(await allRows()).toEqual(before.rows);
  });
});

describe("merging and deleting with plain form posts", () => {
  test("the compare page loads both contacts; posting the choices merges and lands on the survivor", async () => {
    const organizationId = w.a.organization.id;
    const survivor = await createContact(prisma, { organizationId, name: "Kavya Iyer", phone: "+917911123456" });
    const duplicate = await createContact(prisma, { organizationId, name: "Kavya I", phone: "+447911123456", email: "kavya@example.com", stage: "INTERESTED" });
    const page = await answer(mergePage.loader as RouteHandler, get(`/contacts/${survivor.id}/merge?with=${duplicate.id}`, w.cookies.OWNER), {
      id: survivor.id,
    });
    expect(page.status).toBe(200);
    const merged = await answer(
      mergePage.action as RouteHandler,
      post(`/contacts/${survivor.id}/merge`, w.cookies.OWNER, {
        duplicateId: duplicate.id,
        survivorVersion: "1",
        duplicateVersion: "1",
        "keep.name": "survivor",
        "keep.phone": "survivor",
        "keep.email": "duplicate",
        "keep.stage": "duplicate",
      }),
      { id: survivor.id },
    );
    expect(merged.status).toBe(302);
    expect(merged.headers.get("Location")).toBe(`/contacts/${survivor.id}`);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: survivor.id } })).toMatchObject({
      name: "Kavya Iyer",
      phone: "+917911123456",
      email: "kavya@example.com",
      stage: "INTERESTED",
    });
    expect(await prisma.contactIdentity.findMany({ where: { contactId: survivor.id }, select: { kind: true, value: true } })).toEqual([
      { kind: "PHONE", value: "+447911123456" },
    ]);
  });

  test("a tampered choice or a stale version comes back to the compare page with an error and changes nothing", async () => {
    const organizationId = w.a.organization.id;
    const survivor = await createContact(prisma, { organizationId, name: "Rahul Verma", phone: "+919811100001" });
    const duplicate = await createContact(prisma, { organizationId, name: "Rahul V", phone: "+919811100002" });
    const before = await allRows();
    const forms: Array<Record<string, string>> = [
      { duplicateId: duplicate.id, "keep.name": "both" },
      { duplicateId: duplicate.id, "keep.customFields.Bad Key": "duplicate" },
      { duplicateId: duplicate.id, survivorVersion: "7" },
    ];
    for (const form of forms) {
      const response = await answer(mergePage.action as RouteHandler, post(`/contacts/${survivor.id}/merge`, w.cookies.OWNER, form), { id: survivor.id });
      expect(response.status, JSON.stringify(form)).toBe(302);
      expect(response.headers.get("Location"), JSON.stringify(form)).toBe(`/contacts/${survivor.id}/merge?with=${form.duplicateId}`);
    }
    const itself = await answer(mergePage.action as RouteHandler, post(`/contacts/${survivor.id}/merge`, w.cookies.OWNER, { duplicateId: survivor.id }), {
      id: survivor.id,
    });
    expect(itself.headers.get("Location")).toBe(`/contacts/${survivor.id}/merge`);
    expect(await allRows()).toEqual(before);
  });

  test("the delete page asks first; posting it deletes the contact and goes to the list; an agent gets 403", async () => {
    const contact = await createContact(prisma, { organizationId: w.a.organization.id, name: "Delete Me", phone: "+919811100009" });
    const agentPage = await answer(deletePage.loader as RouteHandler, get(`/contacts/${contact.id}/delete`, w.cookies.AGENT), { id: contact.id });
    expect(agentPage.status).toBe(403);
    const confirm = await answer(deletePage.loader as RouteHandler, get(`/contacts/${contact.id}/delete`, w.cookies.OWNER), { id: contact.id });
    expect(confirm.status).toBe(200);
    expect(await prisma.contact.count({ where: { id: contact.id } })).toBe(1);
    const deleted = await answer(deletePage.action as RouteHandler, post(`/contacts/${contact.id}/delete`, w.cookies.OWNER, {}), { id: contact.id });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe("/contacts");
    expect(await prisma.contact.count({ where: { id: contact.id } })).toBe(0);
  });
});
