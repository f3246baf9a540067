// The routes of the contacts list, the board and the bulk progress page,
// called the way Remix calls them (a Request with the session cookie): bad
// addresses are 400s with a message, and organization A replaying B's ids gets
// 404s or refusals while B's rows stay as they were.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
/* eslint-disable no-restricted-imports -- the routes' own test calls their loaders and actions, as Remix does */
import { loader as listLoader, action as listAction } from "~/routes/_app.contacts._index";
import { loader as boardLoader, action as boardAction } from "~/routes/_app.board";
import { loader as bulkLoader } from "~/routes/_app.bulk.$id";
/* eslint-enable no-restricted-imports */
import { addMember, createOrganization, createTag } from "../../prisma/factories";
import { createListContact } from "../../prisma/factories-contact-list";

type World = Awaited<ReturnType<typeof buildWorld>>;
let world: World;
let cookieA: string;
let cookieAgentA: string;

async function buildWorld() {
  const a = await createOrganization(prisma, { name: "Routes A" });
  const b = await createOrganization(prisma, { name: "Routes B" });
  const agentA = await addMember(prisma, { organizationId: a.organization.id, role: "AGENT" });
  const contactA = await createListContact(prisma, { organizationId: a.organization.id, name: "Asha A", stage: "NEW" });
  const contactsB = [
    await createListContact(prisma, { organizationId: b.organization.id, name: "Bina Secret", stage: "NEW" }),
    await createListContact(prisma, { organizationId: b.organization.id, name: "Bala Secret", stage: "ENGAGED" }),
  ];
  const tagB = await createTag(prisma, { organizationId: b.organization.id, name: "b-only" });
  const operationB = await prisma.bulkOperation.create({
    data: {
      organizationId: b.organization.id,
      createdById: b.owner.id,
      action: "changeStage",
      params: { stage: "CONVERTED" },
      selection: { kind: "ids", ids: contactsB.map((contact) => contact.id) },
      status: "COMPLETED",
      total: 2,
      processed: 2,
      changed: 2,
    },
  });
  return { a, b, agentA, contactA, contactsB, tagB, operationB };
}

beforeAll(async () => {
  world = await buildWorld();
  cookieA = await signInCookie(world.a.owner, { organizationId: world.a.organization.id });
  cookieAgentA = await signInCookie(world.agentA.user, { organizationId: world.a.organization.id });
});

function get(path: string, cookie = cookieA) {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: cookie } });
}

function post(path: string, fields: Array<[string, string]>, cookie = cookieA) {
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: TEST_ORIGIN },
    body: new URLSearchParams(fields).toString(),
  });
}

/** What a loader threw (Remix answers with it), or fails if it returned. */
async function thrown(call: Promise<unknown>): Promise<Response> {
  const outcome = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(outcome, "expected the loader to throw a Response").toBeInstanceOf(Response);
  return outcome as Response;
}

async function snapshotB() {
  const organizationId = world.b.organization.id;
  return {
    contacts: await prisma.contact.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    tags: await prisma.contactTag.count({ where: { organizationId } }),
    events: await prisma.contactEvent.count({ where: { organizationId } }),
  };
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

describe("/contacts", () => {
  test("lists only the organization's contacts", async () => {
    const response = (await listLoader(args(get("/contacts")))) as Response;
    const text = await response.text();
    expect(text).toContain("Asha A");
    expect(text).not.toContain("Secret");
    expect(text).not.toContain(world.tagB.id);
  });

  test("a bad address is a 400 with a message", async () => {
    const response = await thrown(listLoader(args(get("/contacts?stage=WON&page=0"))));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain("Unknown stage");
    expect(body.message).toContain("Page must be 1 or more");
  });

  test("B's tag or owner in the filter finds nothing", async () => {
    for (const search of [`tag=${world.tagB.id}`, `owner=${world.b.owner.id}`]) {
      const response = (await listLoader(args(get(`/contacts?${search}`)))) as Response;
      const body = (await response.json()) as { list: { total: number } };
      expect(body.list.total).toBe(0);
    }
  });

  test("a bulk action on B's ids is refused and changes nothing in B", async () => {
    const before = await snapshotB();
    const ids = world.contactsB.map((contact) => contact.id);
    for (const op of ["stage:CONVERTED", "delete"]) {
      for (const confirmed of [[], [["confirmed", "yes"]]] as Array<Array<[string, string]>>) {
        const response = await listAction(
          args(post("/contacts?index", [["view", ""], ["scope", "ids"], ...ids.map((id): [string, string] => ["ids", id]), ["op", op], ...confirmed])),
        );
        expect(response.status).toBe(303);
        expect(response.headers.get("Location")).toBe("/contacts");
        expect(response.headers.get("Set-Cookie")).toContain("__toast=");
      }
    }
    // B's tag as the action's tag is refused too.
    const tagged = await listAction(
      args(post("/contacts?index", [["scope", "ids"], ["ids", world.contactA.id], ["op", `addTag:${world.tagB.id}`]])),
    );
    expect(tagged.status).toBe(303);
    expect(await prisma.contactTag.count({ where: { contactId: world.contactA.id } })).toBe(0);
    expect(await snapshotB()).toEqual(before);
  });

  test("the way back is always a query string of /contacts, whatever the form says", async () => {
    for (const view of ["//evil.example/x", "https://evil.example", "a=1\r\nSet-Cookie: x=y", "q=Asha#top"]) {
      const response = await listAction(args(post("/contacts?index", [["view", view], ["scope", "ids"], ["op", "delete"]])));
      expect(response.status).toBe(303);
      const location = response.headers.get("Location")!;
      expect(location.startsWith("/contacts?") || location === "/contacts").toBe(true);
      expect(location).not.toMatch(/[\r\n]|^\/\//);
    }
  });

  test("an agent's bulk action is refused", async () => {
    const response = await listAction(
      args(post("/contacts?index", [["scope", "ids"], ["ids", world.contactA.id], ["op", "stage:CONVERTED"]], cookieAgentA)),
    );
    expect(response.status).toBe(303);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: world.contactA.id } })).stage).toBe("NEW");
  });

  test("delete asks first and states the count", async () => {
    const response = await listAction(args(post("/contacts?index", [["scope", "ids"], ["ids", world.contactA.id], ["op", "delete"]])));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ confirmDelete: { count: 1, scope: "ids", ids: [world.contactA.id], op: "delete" } });
    expect(await prisma.contact.count({ where: { id: world.contactA.id } })).toBe(1);
  });
});

describe("/board", () => {
  test("a bad column page is a 400 with a message", async () => {
    const response = await thrown(boardLoader(args(get("/board?page.NEW=0"))));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain("A column page must be 1 or more");
  });

  test("shows only the organization's cards", async () => {
    const response = (await boardLoader(args(get("/board")))) as Response;
    const text = await response.text();
    expect(text).toContain("Asha A");
    expect(text).not.toContain("Secret");
  });

  test("moving B's card is 404 (with JavaScript) or a refusal (without), and B is unchanged", async () => {
    const before = await snapshotB();
    const contactId = world.contactsB[0]!.id;
    const withScript = await boardAction(
      args(post("/board", [["intent", "changeStage"], ["contactId", contactId], ["stage", "CONVERTED"], ["js", "1"]])),
    );
    expect(withScript.status).toBe(404);
    expect(await withScript.json()).toEqual({ ok: false, message: "Contact not found." });
    const withoutScript = await boardAction(args(post("/board", [["intent", "changeStage"], ["contactId", contactId], ["stage", "CONVERTED"]])));
    expect(withoutScript.status).toBe(303);
    expect(withoutScript.headers.get("Location")).toBe("/board");
    expect(await snapshotB()).toEqual(before);
  });

  test("moving one's own card works", async () => {
    const response = await boardAction(
      args(post("/board", [["intent", "changeStage"], ["contactId", world.contactA.id], ["stage", "ENGAGED"], ["js", "1"], ["version", "1"]])),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, message: "Moved Asha A to Engaged." });
  });
});

describe("/bulk/:id", () => {
  test("B's operation is a 404 for A", async () => {
    const response = await thrown(bulkLoader(args(get(`/bulk/${world.operationB.id}`), { id: world.operationB.id })));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Secret");
  });

  test("an id that is not an id is a 404", async () => {
    const response = await thrown(bulkLoader(args(get("/bulk/nope"), { id: "nope" })));
    expect(response.status).toBe(404);
  });

  test("B's owner sees it", async () => {
    const cookieB = await signInCookie(world.b.owner, { organizationId: world.b.organization.id });
    const response = (await bulkLoader(args(get(`/bulk/${world.operationB.id}`, cookieB), { id: world.operationB.id }))) as Response;
    expect(await response.json()).toMatchObject({ operation: { id: world.operationB.id, status: "COMPLETED" } });
  });
});
