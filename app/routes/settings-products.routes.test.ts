// The /settings/products page over real requests, as a browser without JavaScript posts it: a product
// is added and edited from form fields, a bad price comes back to its field (400) and writes nothing,
// another organization's ids are 404 and change nothing, and agents see only what is on offer.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { getRequest, postRequest, routeAnswer } from "~/testing/route-requests";
import { addMember, createOrganization, createProduct } from "../../prisma/factories";
import { action, loader } from "./_app.settings.products";

const HERE = "/settings/products";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  return { organization, owner, agent: agent.user, ownerCookie: await signInCookie(owner, { organizationId: organization.id }) };
}

const fields = { name: "BankNifty Scalper Pro", price: "4,999", category: "Indicator", description: "Scalping signals.", features: "Arrows\r\nAlerts" };

describe("/settings/products", () => {
  test("an owner adds and edits a product with plain form posts; a bad price comes back to its field and writes nothing", async () => {
    const { organization, ownerCookie } = await team();
    const added = await routeAnswer(action, postRequest(HERE, ownerCookie, { intent: "create", ...fields }));
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe(HERE);
    const product = await prisma.product.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(product).toMatchObject({ name: "BankNifty Scalper Pro", pricePaise: 499_900n, category: "Indicator", features: ["Arrows", "Alerts"], active: true });

    const before = await prisma.product.findMany({ where: { organizationId: organization.id } });
    const bad = await routeAnswer(action, postRequest(HERE, ownerCookie, { intent: "create", ...fields, name: "Nifty Options Suite", price: "12.345" }));
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error).toEqual({ price: ["Use at most two decimal places (paise), like 1499.50"] });
    expect(reply.initialValue).toMatchObject({ intent: "create", name: "Nifty Options Suite", price: "12.345" });

    const taken = await routeAnswer(action, postRequest(HERE, ownerCookie, { intent: "create", ...fields, name: "banknifty scalper pro" }));
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: Record<string, string[]> }).error.name).toEqual(["There is already a product called “BankNifty Scalper Pro”. Choose another name."]);
    expect(await prisma.product.findMany({ where: { organizationId: organization.id } })).toEqual(before);

    const badEdit = await routeAnswer(action, postRequest(HERE, ownerCookie, { intent: "update", id: product.id, ...fields, price: "0" }));
    expect(badEdit.status).toBe(400);
    expect(((await badEdit.json()) as { error: Record<string, string[]>; initialValue: { id: string } })).toMatchObject({
      error: { price: ["The price must be more than ₹0"] },
      initialValue: { id: product.id },
    });
    const edited = await routeAnswer(action, postRequest(HERE, ownerCookie, { intent: "update", id: product.id, ...fields, price: "5,499.50", features: "" }));
    expect(edited.status).toBe(302);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ pricePaise: 549_950n, features: [] });

    const archived = await routeAnswer(action, postRequest(HERE, ownerCookie, { intent: "setActive", id: product.id, active: "false" }));
    expect(archived.status).toBe(302);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).active).toBe(false);
  });

  test("another organization's product ids are 404 and change nothing; the page shows nothing of theirs", async () => {
    const a = await team();
    const b = await team();
    const theirs = await createProduct(prisma, { organizationId: b.organization.id, name: "B Secret Indicator", pricePaise: 777_700n, description: "B only" });
    const forms: Array<Record<string, string>> = [
      { intent: "update", id: theirs.id, ...fields },
      { intent: "setActive", id: theirs.id, active: "false" },
    ];
    for (const form of forms) {
      const answer = await routeAnswer(action, postRequest(HERE, a.ownerCookie, form));
      expect(answer.status, form.intent).toBe(404);
      expect(await answer.text()).not.toMatch(/B Secret Indicator|B only|7,777/);
    }
    expect(await prisma.product.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
    const page = await routeAnswer(loader, getRequest(HERE, a.ownerCookie));
    expect(await page.text()).not.toMatch(/B Secret Indicator|B only|777700/);
  });

  test("an agent sees the products on offer and may not change them", async () => {
    const { organization, agent } = await team();
    const onOffer = await createProduct(prisma, { organizationId: organization.id, name: "Nifty Trend Rider", pricePaise: 499_900n });
    const old = await createProduct(prisma, { organizationId: organization.id, name: "Old Bundle" });
    await prisma.product.update({ where: { id: old.id }, data: { active: false } });
    const cookie = await signInCookie(agent, { organizationId: organization.id });
    const page = (await (await routeAnswer(loader, getRequest(HERE, cookie))).json()) as { products: Array<{ name: string }>; manage: boolean };
    expect(page).toMatchObject({ manage: false, products: [{ name: "Nifty Trend Rider" }] });
    expect(page.products).toHaveLength(1);

    const before = await prisma.product.findMany({ where: { organizationId: organization.id }, orderBy: { id: "asc" } });
    const create = await routeAnswer(action, postRequest(HERE, cookie, { intent: "create", ...fields }));
    expect(create.status).toBe(403);
    const archive = await routeAnswer(action, postRequest(HERE, cookie, { intent: "setActive", id: onOffer.id, active: "false" }));
    expect(archive.status).toBe(403);
    expect(await prisma.product.findMany({ where: { organizationId: organization.id }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
