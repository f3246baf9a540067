// The product catalog through its procedures, against the real database: owners and admins keep it
// (one name per organization whatever its case), every member lists what is on offer, bad input is
// refused by field and writes nothing, and another organization's products are NOT_FOUND.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createProduct } from "../../../../prisma/factories";

const scalper = {
  name: "BankNifty Scalper Pro",
  price: "₹4,999",
  category: "Indicator",
  description: "Scalping signals for BankNifty options on the 1–5 minute chart.",
  features: "Buy and sell arrows\n\n  Alerts on TradingView and WhatsApp  \nLifetime updates",
};

async function refusedFields(call: Promise<unknown>, code: "BAD_REQUEST" | "CONFLICT") {
  return toActionFailure(await expectTRPCError(call, code)).fieldErrors;
}

function countProducts(organizationId: string) {
  return prisma.product.count({ where: { organizationId } });
}

describe("products", () => {
  test("an admin adds a product: the price is stored in paise, features one per line, on offer in INR", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const created = await admin.product.create(scalper);
    expect(created).toMatchObject({
      name: "BankNifty Scalper Pro",
      pricePaise: "499900",
      currency: "INR",
      category: "Indicator",
      features: ["Buy and sell arrows", "Alerts on TradingView and WhatsApp", "Lifetime updates"],
      active: true,
    });
    const stored = await prisma.product.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ organizationId: w.organizationId, pricePaise: 499_900n, description: scalper.description });

    // The owner too; with no category, description or features; paise kept exactly.
    const owner = await w.as(w.owner);
    const suite = await owner.product.create({ name: "  Nifty   Options Suite ", price: "9,999.50" });
    expect(suite).toMatchObject({ name: "Nifty Options Suite", pricePaise: "999950", category: null, description: "", features: [] });
    expect(await admin.product.get({ id: suite.id })).toEqual(suite);
  });

  test("a name already used, whatever its case or spacing, is a field error and adds no row", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const existing = await admin.product.create(scalper);
    const before = await countProducts(w.organizationId);

    for (const name of ["BankNifty Scalper Pro", "banknifty scalper PRO", " BankNifty  Scalper Pro "]) {
      expect(await refusedFields(admin.product.create({ ...scalper, name }), "CONFLICT")).toEqual({
        name: "There is already a product called “BankNifty Scalper Pro”. Choose another name.",
      });
    }
    expect(await countProducts(w.organizationId)).toBe(before);

    // Renaming another product to it is refused too, and changes nothing.
    const other = await admin.product.create({ name: "Sensex Swing Suite", price: "12499" });
    const otherBefore = await prisma.product.findUniqueOrThrow({ where: { id: other.id } });
    expect((await refusedFields(admin.product.update({ id: other.id, ...scalper, name: "BANKNIFTY SCALPER PRO" }), "CONFLICT")).name).toMatch(/already a product/);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: other.id } })).toEqual(otherBefore);

    // A product may change the case of its own name.
    expect((await admin.product.update({ id: existing.id, ...scalper, name: "BankNifty SCALPER Pro" })).name).toBe("BankNifty SCALPER Pro");
    // The same name is free in another organization.
    const bOwner = await w.as(w.b.owner, w.b.organization.id);
    expect((await bOwner.product.create(scalper)).name).toBe(scalper.name);
  });

  test("two admins adding the same name at the same moment: one is added, the other gets the field error", async () => {
    const w = await contactWorld();
    const [admin, owner] = [await w.as(w.admin), await w.as(w.owner)];
    const results = await Promise.allSettled([admin.product.create(scalper), owner.product.create({ ...scalper, name: scalper.name.toUpperCase() })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected")!;
    expect(toActionFailure(refused.reason)).toMatchObject({ status: 409, fieldErrors: { name: expect.stringMatching(/already a product called/) } });
    expect(await countProducts(w.organizationId)).toBe(1);
  });

  test("bad amounts and fields are refused on their field and write nothing", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const product = await admin.product.create(scalper);
    const before = await prisma.product.findMany({ where: { organizationId: w.organizationId } });

    const priceErrors: Array<[string, string]> = [
      ["", "Enter the price in rupees"],
      ["four thousand", "Enter the price as a number of rupees, like 1499 or 1,499.50"],
      ["-4999", "The price can't be negative"],
      ["0", "The price must be more than ₹0"],
      ["12.345", "Use at most two decimal places (paise), like 1499.50"],
      ["5,00,00,000.01", "The price can be at most ₹5,00,00,000"],
      ["49,99", "Put commas only between digit groups, like 1,23,456"],
    ];
    for (const [price, message] of priceErrors) {
      expect((await refusedFields(admin.product.create({ ...scalper, name: `New ${price}`, price }), "BAD_REQUEST")).price, price).toBe(message);
      expect((await refusedFields(admin.product.update({ id: product.id, ...scalper, price }), "BAD_REQUEST")).price, price).toBe(message);
    }
    expect(await refusedFields(admin.product.create({ ...scalper, name: "   " }), "BAD_REQUEST")).toEqual({ name: "Enter the product's name" });
    expect((await refusedFields(admin.product.create({ ...scalper, name: "x".repeat(201) }), "BAD_REQUEST")).name).toBe("Use at most 200 characters");
    expect((await refusedFields(admin.product.create({ ...scalper, name: "A", category: "c".repeat(61) }), "BAD_REQUEST")).category).toBe("Use at most 60 characters");
    expect((await refusedFields(admin.product.create({ ...scalper, name: "B", features: "Alerts\nalerts" }), "BAD_REQUEST")).features).toBe("“alerts” is listed twice");
    expect((await refusedFields(admin.product.create({ ...scalper, name: "C", features: `Alerts\n${"f".repeat(201)}` }), "BAD_REQUEST")).features).toBe(
      "Feature 2 is longer than 200 characters",
    );
    expect((await refusedFields(admin.product.create({ ...scalper, name: "D", currency: "USD" }), "BAD_REQUEST")).currency).toBe("Only Indian rupees (INR) for now");
    // A number is not rupees text: "1499" says what it means.
    expect((await refusedFields(admin.product.create({ ...scalper, name: "E", price: 1499 as unknown as string }), "BAD_REQUEST")).price).toMatch(/number of rupees/);

    expect(await prisma.product.findMany({ where: { organizationId: w.organizationId } })).toEqual(before);
  });

  test("an edit changes the fields; archiving takes a product off the list and bringing it back returns it", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const product = await admin.product.create(scalper);
    const suite = await admin.product.create({ name: "Nifty Options Suite", price: "9999" });
    const edited = await admin.product.update({ id: product.id, name: "BankNifty Scalper Pro", price: "5,499.50", category: "", description: "", features: "Alerts" });
    expect(edited).toMatchObject({ pricePaise: "549950", category: null, description: "", features: ["Alerts"], active: true });
    expect(await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ pricePaise: 549_950n, category: null, features: ["Alerts"] });

    expect(await admin.product.setActive({ id: product.id, active: false })).toMatchObject({ id: product.id, active: false });
    const agent = await w.as(w.agent);
    expect((await agent.product.list()).map((p) => p.name)).toEqual(["Nifty Options Suite"]);
    expect((await admin.product.list({ includeInactive: true })).map((p) => [p.name, p.active])).toEqual([
      ["Nifty Options Suite", true],
      ["BankNifty Scalper Pro", false],
    ]);
    // An archived product can still be read by id (a payment made for it names it).
    expect(await agent.product.get({ id: product.id })).toMatchObject({ active: false, pricePaise: "549950" });

    await admin.product.setActive({ id: product.id, active: true });
    expect((await agent.product.list()).map((p) => p.name)).toEqual(["BankNifty Scalper Pro", "Nifty Options Suite"]);
    expect(suite.active).toBe(true);
  });

  test.each(["manager", "agent", "viewer"] as const)("a %s lists the products on offer but may not change the catalog", async (role) => {
    const w = await contactWorld();
    const product = await createProduct(prisma, { organizationId: w.organizationId, name: "Nifty Trend Rider", pricePaise: 499_900n });
    await createProduct(prisma, { organizationId: w.organizationId, name: "Old Bundle", pricePaise: 100n }).then((p) => prisma.product.update({ where: { id: p.id }, data: { active: false } }));
    const before = await prisma.product.findMany({ where: { organizationId: w.organizationId }, orderBy: { id: "asc" } });
    const caller = await w.as(w[role]);

    expect((await caller.product.list()).map((p) => [p.name, p.pricePaise])).toEqual([["Nifty Trend Rider", "499900"]]);
    await expectTRPCError(caller.product.list({ includeInactive: true }), "FORBIDDEN", /owners and admins/);
    await expectTRPCError(caller.product.create({ ...scalper }), "FORBIDDEN", "Only owners and admins can manage products.");
    await expectTRPCError(caller.product.update({ id: product.id, ...scalper }), "FORBIDDEN");
    await expectTRPCError(caller.product.setActive({ id: product.id, active: false }), "FORBIDDEN");

    expect(await prisma.product.findMany({ where: { organizationId: w.organizationId }, orderBy: { id: "asc" } })).toEqual(before);
  });

  test("another organization's product is NOT_FOUND for reading, editing and archiving, and none of its data comes back", async () => {
    const w = await contactWorld();
    const theirs = await createProduct(prisma, { organizationId: w.b.organization.id, name: "B Secret Indicator", pricePaise: 123_456n, description: "Org B's description" });
    const secrets = [theirs.id, theirs.name, "123456", "Org B's description"];
    const before = await prisma.product.findUniqueOrThrow({ where: { id: theirs.id } });
    for (const user of [w.owner, w.admin, w.agent]) {
      const caller = await w.as(user);
      const refusals = [
        await expectTRPCError(caller.product.get({ id: theirs.id }), "NOT_FOUND"),
        await expectTRPCError(caller.product.update({ id: theirs.id, ...scalper }), user === w.agent ? "FORBIDDEN" : "NOT_FOUND"),
        await expectTRPCError(caller.product.setActive({ id: theirs.id, active: false }), user === w.agent ? "FORBIDDEN" : "NOT_FOUND"),
      ];
      for (const refusal of refusals) for (const secret of secrets) expect(JSON.stringify({ message: refusal.message, cause: String(refusal.cause) })).not.toContain(secret);
      const listed = JSON.stringify(await caller.product.list());
      for (const secret of secrets) expect(listed).not.toContain(secret);
    }
    const admin = await w.as(w.admin);
    expect(JSON.stringify(await admin.product.list({ includeInactive: true }))).not.toContain(theirs.name);
    // A's admin may use the name B uses: names are unique per organization only.
    expect((await admin.product.create({ ...scalper, name: theirs.name })).name).toBe(theirs.name);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
    expect(await countProducts(w.b.organization.id)).toBe(1);
  });
});
