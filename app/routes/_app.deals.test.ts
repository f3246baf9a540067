// The companies, deals and pipeline pages as a browser reaches them (loader and
// action with a session cookie): they work for the organization's own data, and
// another organization's ids get 404 (403 by role), none of its data, and no change.
import { beforeAll, describe, expect, test } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { addMember, createContact, createOrganization } from "../../prisma/factories";
import { createCompany, createDeal, stagesByName } from "../../prisma/factories-deals";
import * as companiesRoute from "./_app.companies";
import * as companyRoute from "./_app.companies_.$id";
import * as dealsRoute from "./_app.deals";
import * as newDealRoute from "./_app.deals_.new";
import * as dealRoute from "./_app.deals_.$id";
import * as pipelineRoute from "./_app.settings.pipeline";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
type Action = (args: ActionFunctionArgs) => Promise<Response>;

async function buildWorld() {
  const a = await createOrganization(prisma, { name: "Org A" });
  const b = await createOrganization(prisma, { name: "Org B" });
  const aAgent = await addMember(prisma, { organizationId: a.organization.id, role: "AGENT" });
  const aViewer = await addMember(prisma, { organizationId: a.organization.id, role: "VIEWER" });
  const bStages = await stagesByName(prisma, b.organization.id);
  const aStages = await stagesByName(prisma, a.organization.id);
  const bCompany = await createCompany(prisma, { organizationId: b.organization.id, name: "B Secret Brokerage" });
  const bContact = await createContact(prisma, { organizationId: b.organization.id, name: "B Secret Contact" });
  const bDeal = await createDeal(prisma, {
    organizationId: b.organization.id,
    stage: "Demo",
    title: "B Secret Deal",
    valuePaise: 7_777_700,
    companyId: bCompany.id,
    contactId: bContact.id,
  });
  const aCompany = await createCompany(prisma, { organizationId: a.organization.id, name: "A Company" });
  const aDeal = await createDeal(prisma, { organizationId: a.organization.id, stage: "Demo", title: "A Deal" });
  const cookies = {
    aOwner: await signInCookie(a.owner, { organizationId: a.organization.id }),
    aAgent: await signInCookie(aAgent.user, { organizationId: a.organization.id }),
    aViewer: await signInCookie(aViewer.user, { organizationId: a.organization.id }),
  };
  const bSecrets = [bCompany.id, bContact.id, bDeal.id, ...Object.values(bStages).map((s) => s.id), "B Secret", "7777700"];
  return { a, b, aStages, bStages, bCompany, bContact, bDeal, aCompany, aDeal, cookies, bSecrets };
}

function get(path: string, cookie: string) {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: cookie, "user-agent": "vitest" } });
}

function post(path: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "user-agent": "vitest" },
  });
}

/** Runs a loader or action; a thrown Response is returned like a returned one. */
async function run(fn: Loader | Action, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return await fn({ request, params, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function snapshotB(world: World) {
  const organizationId = world.b.organization.id;
  const [companies, contacts, deals, stages, events] = await Promise.all([
    prisma.company.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.contact.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.deal.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.dealStage.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.contactEvent.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  ]);
  return { companies, contacts, deals, stages, events };
}

/** None of B's data in the answer; a form's reply may echo what the request itself sent (`sent`). */
async function expectNoSecrets(response: Response, world: World, sent: Record<string, string> = {}) {
  const text = await response.clone().text();
  const echoed = new Set(Object.values(sent));
  for (const secret of world.bSecrets) {
    if (echoed.has(secret)) continue;
    expect(text, `leaked ${secret}`).not.toContain(secret);
  }
}

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

describe("pages work for the organization's own data", () => {
  test("lists, profiles, forms and the board load", async () => {
    const { aOwner } = world.cookies;
    const companies = await run(companiesRoute.loader, get("/companies", aOwner));
    expect(companies.status).toBe(200);
    expect(await companies.json()).toMatchObject({ total: 1, companies: [{ name: "A Company" }] });
    expect((await run(companyRoute.loader, get(`/companies/${world.aCompany.id}`, aOwner), { id: world.aCompany.id })).status).toBe(200);
    const board = await run(dealsRoute.loader, get("/deals", aOwner));
    expect(board.status).toBe(200);
    const body = (await board.json()) as { board: { columns: Array<{ name: string; count: number }> } };
    expect(body.board.columns.map((column) => [column.name, column.count])).toEqual([
      ["Qualification", 0],
      ["Demo", 1],
      ["Proposal", 0],
      ["Negotiation", 0],
      ["Won", 0],
      ["Lost", 0],
    ]);
    expect((await run(dealsRoute.loader, get("/deals?view=list", aOwner))).status).toBe(200);
    expect((await run(newDealRoute.loader, get("/deals/new", aOwner))).status).toBe(200);
    expect((await run(dealRoute.loader, get(`/deals/${world.aDeal.id}`, aOwner), { id: world.aDeal.id })).status).toBe(200);
    expect((await run(pipelineRoute.loader, get("/settings/pipeline", aOwner))).status).toBe(200);
  });

  test("a bad URL is a 400, a malformed id a 404", async () => {
    const { aOwner } = world.cookies;
    expect((await run(dealsRoute.loader, get("/deals?view=list&page=0", aOwner))).status).toBe(400);
    expect((await run(dealsRoute.loader, get("/deals?p.not-a-stage=2", aOwner))).status).toBe(400);
    expect((await run(companiesRoute.loader, get("/companies?page=abc", aOwner))).status).toBe(400);
    expect((await run(dealRoute.loader, get("/deals/nope", aOwner), { id: "nope" })).status).toBe(404);
    expect((await run(companyRoute.loader, get("/companies/nope", aOwner), { id: "nope" })).status).toBe(404);
  });

  test("the create forms answer bad input with 400 and field errors, and save good input with a redirect", async () => {
    const { aAgent } = world.cookies;
    const bad = await run(newDealRoute.action, post("/deals/new", aAgent, { intent: "create", title: "X", value: "4999.999", stageId: world.aStages.Demo!.id }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("Use at most 2 decimal places (paise)");
    const good = await run(newDealRoute.action, post("/deals/new", aAgent, { intent: "create", title: "Route deal", value: "4,999", stageId: world.aStages.Demo!.id }));
    expect(good.status).toBe(302);
    expect(good.headers.get("Location")).toBe("/deals");
    const created = await prisma.deal.findFirstOrThrow({ where: { organizationId: world.a.organization.id, title: "Route deal" } });
    expect(created.valuePaise).toBe(499_900n);
    await prisma.deal.delete({ where: { id: created.id } });

    const duplicate = await run(companiesRoute.action, post("/companies", aAgent, { intent: "create", name: "a company" }));
    expect(duplicate.status).toBe(409);
    expect(JSON.stringify(await duplicate.json())).toContain("already exists");
  });

  test("a move without JavaScript redirects back to the board with a toast", async () => {
    const deal = await createDeal(prisma, { organizationId: world.a.organization.id, stage: "Demo", title: "Movable" });
    const response = await run(
      dealsRoute.action,
      post("/deals", world.cookies.aOwner, {
        intent: "move",
        dealId: deal.id,
        stageId: world.aStages.Won!.id,
        version: "1",
        returnSearch: `?p.${world.aStages.Demo!.id}=2`,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/deals?p.${world.aStages.Demo!.id}=2`);
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ stageId: world.aStages.Won!.id, probability: 100 });
    // An attempt to send someone elsewhere stays on the board.
    const stale = await run(
      dealsRoute.action,
      post("/deals", world.cookies.aOwner, { intent: "move", dealId: deal.id, stageId: world.aStages.Lost!.id, version: "1", returnSearch: "https://evil.example/" }),
    );
    expect(stale.status).toBe(303);
    expect(stale.headers.get("Location")).toMatch(/^\/deals/);
    await prisma.deal.delete({ where: { id: deal.id } });
  });

  test("agents see the pipeline read-only and can't change it; a VIEWER can't create deals", async () => {
    const readOnly = await run(pipelineRoute.loader, get("/settings/pipeline", world.cookies.aAgent));
    expect(readOnly.status).toBe(200);
    const body = (await readOnly.json()) as { manage: boolean; stages: Array<{ name: string }> };
    expect(body.manage).toBe(false);
    expect(body.stages.map((stage) => stage.name)).toContain("Demo");
    const owner = (await (await run(pipelineRoute.loader, get("/settings/pipeline", world.cookies.aOwner))).json()) as { manage: boolean };
    expect(owner.manage).toBe(true);
    expect((await run(newDealRoute.loader, get("/deals/new", world.cookies.aViewer))).status).toBe(403);
    const refused = await run(
      pipelineRoute.action,
      post("/settings/pipeline", world.cookies.aAgent, { intent: "update", stageId: world.aStages.Demo!.id, name: "X", probability: "1" }),
    );
    expect(refused.status).toBe(403);
    expect((await prisma.dealStage.findUniqueOrThrow({ where: { id: world.aStages.Demo!.id } })).name).toBe("Demo");
  });
});

describe("organization B's ids through A's pages", () => {
  test("loaders: B's company and deal are 404; lists, board and forms show none of B", async () => {
    for (const cookie of [world.cookies.aOwner, world.cookies.aAgent]) {
      const company = await run(companyRoute.loader, get(`/companies/${world.bCompany.id}`, cookie), { id: world.bCompany.id });
      expect(company.status).toBe(404);
      await expectNoSecrets(company, world);
      const deal = await run(dealRoute.loader, get(`/deals/${world.bDeal.id}`, cookie), { id: world.bDeal.id });
      expect(deal.status).toBe(404);
      await expectNoSecrets(deal, world);

      for (const path of [
        "/companies?q=B",
        "/deals",
        `/deals?p.${world.bStages.Demo!.id}=3`,
        `/deals?view=list&stageId=${world.bStages.Demo!.id}`,
        `/deals/new?contactId=${world.bContact.id}&companyId=${world.bCompany.id}&stageId=${world.bStages.Demo!.id}&contactQ=B`,
        `/deals/${world.aDeal.id}?contactQ=B&contactId=${world.bContact.id}`,
      ]) {
        const url = new URL(`${TEST_ORIGIN}${path}`);
        const loader = path.startsWith("/companies")
          ? companiesRoute.loader
          : path.startsWith("/deals/new")
            ? newDealRoute.loader
            : path.startsWith(`/deals/${world.aDeal.id}`)
              ? dealRoute.loader
              : dealsRoute.loader;
        const response = await run(loader, get(url.pathname + url.search, cookie), { id: world.aDeal.id });
        expect(response.status, path).toBe(200);
        await expectNoSecrets(response, world);
      }
    }
    const pipeline = await run(pipelineRoute.loader, get("/settings/pipeline", world.cookies.aOwner));
    expect(pipeline.status).toBe(200);
    await expectNoSecrets(pipeline, world);
  });

  test("actions on B's company, deal and stages are 404 (403 by role) and change nothing", async () => {
    const before = await snapshotB(world);
    const { aOwner, aAgent } = world.cookies;
    const b = world;
    const cases: Array<[string, Action, [string, string, Record<string, string>], Record<string, string>, number]> = [
      ["company update", companyRoute.action, [`/companies/${b.bCompany.id}`, aOwner, { intent: "update", companyId: b.bCompany.id, name: "Hijacked" }], { id: b.bCompany.id }, 404],
      ["company delete", companyRoute.action, [`/companies/${b.bCompany.id}`, aOwner, { intent: "delete" }], { id: b.bCompany.id }, 404],
      ["company delete as agent", companyRoute.action, [`/companies/${b.bCompany.id}`, aAgent, { intent: "delete" }], { id: b.bCompany.id }, 403],
      ["deal update", dealRoute.action, [`/deals/${b.bDeal.id}`, aOwner, { intent: "update", dealId: b.bDeal.id, version: "1", title: "Hijacked", value: "1", stageId: b.aStages.Demo!.id }], { id: b.bDeal.id }, 404],
      ["deal delete", dealRoute.action, [`/deals/${b.bDeal.id}`, aOwner, { intent: "delete" }], { id: b.bDeal.id }, 404],
      ["deal move", dealsRoute.action, ["/deals", aOwner, { intent: "move", dealId: b.bDeal.id, stageId: b.aStages.Won!.id, version: "1" }], {}, 404],
      ["deal move onto B's stage", dealsRoute.action, ["/deals", aOwner, { intent: "move", dealId: b.aDeal.id, stageId: b.bStages.Won!.id, version: "1" }], {}, 404],
      ["new deal for B's contact", newDealRoute.action, ["/deals/new", aOwner, { intent: "create", title: "Smuggled", value: "1", stageId: b.aStages.Demo!.id, contactId: b.bContact.id }], {}, 404],
      ["new deal with B's company", newDealRoute.action, ["/deals/new", aOwner, { intent: "create", title: "Smuggled", value: "1", stageId: b.aStages.Demo!.id, companyId: b.bCompany.id }], {}, 404],
      ["new deal in B's stage", newDealRoute.action, ["/deals/new", aAgent, { intent: "create", title: "Smuggled", value: "1", stageId: b.bStages.Demo!.id }], {}, 404],
      ["A's deal onto B's contact", dealRoute.action, [`/deals/${b.aDeal.id}`, aOwner, { intent: "update", dealId: b.aDeal.id, version: "1", title: "A Deal", value: "1", stageId: b.aStages.Demo!.id, contactId: b.bContact.id }], { id: b.aDeal.id }, 404],
      ["stage rename", pipelineRoute.action, ["/settings/pipeline", aOwner, { intent: "update", stageId: b.bStages.Demo!.id, name: "Hijacked", probability: "1" }], {}, 404],
      ["stage reorder", pipelineRoute.action, ["/settings/pipeline", aOwner, { intent: "reorder", stageId: b.bStages.Demo!.id, to: "0" }], {}, 404],
      ["stage delete", pipelineRoute.action, ["/settings/pipeline", aOwner, { intent: "delete", stageId: b.bStages.Qualification!.id }], {}, 404],
      ["stage delete as agent", pipelineRoute.action, ["/settings/pipeline", aAgent, { intent: "delete", stageId: b.bStages.Qualification!.id }], {}, 403],
    ];
    for (const [label, action, [path, cookie, fields], params, status] of cases) {
      const response = await run(action, post(path, cookie, fields), params);
      expect(response.status, label).toBe(status);
      await expectNoSecrets(response, world, fields);
    }
    expect(await snapshotB(world)).toEqual(before);
    expect(await prisma.deal.count({ where: { organizationId: world.a.organization.id, title: "Smuggled" } })).toBe(0);
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: world.aDeal.id } })).toMatchObject({ contactId: null, version: 1 });
  });
});
