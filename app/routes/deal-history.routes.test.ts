// Deal history through the pages, the way a browser without JavaScript uses
// them: the board's Move form and the deal page's form write the linked
// contact's timeline (which the contact page then shows), a stale save comes
// back naming who changed the deal, bad input changes nothing, and another
// organization's deal history is a 404.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { addMember, createContact, createOrganization } from "../../prisma/factories";
import { createDeal, stagesByName } from "../../prisma/factories-deals";
import * as dealsRoute from "./_app.deals";
import * as dealRoute from "./_app.deals_.$id";
import * as contactRoute from "./_app.contacts.$id";
import { getRequest, postRequest, routeAnswer } from "~/testing/route-requests";

const get = getRequest;
const post = postRequest;
const answer = routeAnswer;

type TimelineBody = { timeline: { items: Array<{ type: string; actor: { name: string } | null; data: Record<string, unknown> }> } };

let w: Awaited<ReturnType<typeof world>>;

async function world() {
  const a = await createOrganization(prisma, { name: "History Org A", owner: { name: "Meera Nair" } });
  const agent = await addMember(prisma, { organizationId: a.organization.id, role: "AGENT", user: { name: "Aisha Khan" } });
  const stages = await stagesByName(prisma, a.organization.id);
  const b = await createOrganization(prisma, { name: "History Org B" });
  const bContact = await createContact(prisma, { organizationId: b.organization.id, name: "B Secret Contact" });
  const bDeal = await createDeal(prisma, { organizationId: b.organization.id, contactId: bContact.id, title: "B Secret Deal" });
  return {
    a,
    agent,
    stages,
    bDeal,
    cookies: {
      owner: await signInCookie(a.owner, { organizationId: a.organization.id }),
      agent: await signInCookie(agent.user, { organizationId: a.organization.id }),
    },
  };
}

beforeAll(async () => {
  w = await world();
});

describe("deal history through the pages", () => {
  test("a move with the board's stage form shows on the contact page's timeline, with who", async () => {
    const priya = await createContact(prisma, { organizationId: w.a.organization.id, name: "Priya Sharma" });
    const deal = await createDeal(prisma, { organizationId: w.a.organization.id, stage: "Demo", title: "Board move", contactId: priya.id });
    const moved = await answer(
      dealsRoute.action,
      post("/deals", w.cookies.agent, { intent: "move", dealId: deal.id, stageId: w.stages.Won!.id, version: "1" }),
    );
    expect(moved.status).toBe(302);

    const page = await answer(contactRoute.loader, get(`/contacts/${priya.id}`, w.cookies.owner), { id: priya.id });
    expect(page.status).toBe(200);
    const { timeline } = (await page.json()) as TimelineBody;
    expect(timeline.items[0]).toMatchObject({
      type: "DEAL_WON",
      actor: { name: "Aisha Khan" },
      data: { dealId: deal.id, title: "Board move", before: "Demo", after: "Won" },
    });

    const dealPage = await answer(dealRoute.loader, get(`/deals/${deal.id}`, w.cookies.owner), { id: deal.id });
    const body = (await dealPage.json()) as { history: TimelineBody["timeline"]; deal: { updatedBy: { name: string } } };
    expect(body.history.items.map((item) => item.type)).toEqual(["DEAL_WON"]);
    expect(body.deal.updatedBy.name).toBe("Aisha Khan");
  });

  test("a stale save on the deal page comes back 409 naming who changed it; bad input is 400; neither records anything", async () => {
    const priya = await createContact(prisma, { organizationId: w.a.organization.id, name: "Priya Iyer" });
    const deal = await createDeal(prisma, { organizationId: w.a.organization.id, stage: "Demo", title: "Edited twice", contactId: priya.id });
    const form = (cookie: string, fields: Record<string, string>) =>
      answer(
        dealRoute.action,
        post(`/deals/${deal.id}`, cookie, {
          intent: "update",
          dealId: deal.id,
          version: "1",
          title: "Edited twice",
          value: "4,999",
          stageId: w.stages.Demo!.id,
          contactId: priya.id,
          ...fields,
        }),
        { id: deal.id },
      );

    const bad = await form(w.cookies.agent, { value: "lots", title: "" });
    expect(bad.status).toBe(400);
    const badBody = JSON.stringify(await bad.json());
    expect(badBody).toContain("value");
    expect(badBody).toContain("Give the deal a title");
    expect(await prisma.contactEvent.count({ where: { contactId: priya.id } })).toBe(0);

    expect((await form(w.cookies.owner, { title: "Edited once" })).status).toBe(302);
    const stale = await form(w.cookies.agent, { title: "Edited twice, later" });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: Record<string, string[]> };
    expect(body.error[""]![0]).toMatch(/^Changed by Meera Nair at .+ IST — reload to see their changes\.$/);

    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ title: "Edited once", version: 2 });
    const events = await prisma.contactEvent.findMany({ where: { contactId: priya.id } });
    expect(events.map((event) => [event.type, event.actorId])).toEqual([["DEAL_UPDATED", w.a.owner.id]]);
  });

  test("another organization's deal page (and so its history) is a 404 with none of its data", async () => {
    const response = await answer(dealRoute.loader, get(`/deals/${w.bDeal.id}`, w.cookies.owner), { id: w.bDeal.id });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("B Secret");
  });
});
