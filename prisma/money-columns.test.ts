// Money is integer paise in BIGINT columns everywhere (README decision 13): a price of
// ₹1,23,456.78 typed in rupees is stored and shown back exactly.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { parseRupeesToPaise, paiseToRupeeInput } from "~/domain/deal/deal-value";
import { formatPaise } from "~/utils/format";
import { createOrganization, createProduct } from "./factories";

describe("money columns", () => {
  test("every money column in the schema is BigInt paise", () => {
    const schema = readFileSync(new URL("./schema.prisma", import.meta.url), "utf8");
    const money = [...schema.matchAll(/^\s+(\w*(?:Paise|price|Price|amount|Amount)\w*)\s+(\w+)/gm)].map((m) => [m[1], m[2]]);
    expect(money.length).toBeGreaterThanOrEqual(3);
    for (const [name, type] of money) expect(`${name} ${type}`).toMatch(/Paise BigInt$/);
  });

  test("₹1,23,456.78 typed in rupees round-trips through a product's price exactly", async () => {
    const typed = parseRupeesToPaise("₹1,23,456.78");
    expect(typed).toEqual({ ok: true, paise: 12_345_678n });
    const { organization } = await createOrganization(prisma);
    const product = await createProduct(prisma, { organizationId: organization.id, pricePaise: typed.ok ? typed.paise : 0n });
    const stored = await prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(stored.pricePaise).toBe(12_345_678n);
    expect(formatPaise(stored.pricePaise)).toBe("₹1,23,456.78");
    expect(paiseToRupeeInput(stored.pricePaise)).toBe("123456.78");
    // Beyond what an INTEGER column could hold (₹2,14,74,836.47), still exact.
    const large = await createProduct(prisma, { organizationId: organization.id, pricePaise: 99_99_99_999_99n });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: large.id } })).pricePaise).toBe(99_99_99_999_99n);
  });

  test("at most two decimals; anything else is refused with a reason", () => {
    expect(parseRupeesToPaise("123456.789")).toEqual({ ok: false, message: "Use at most 2 decimal places (paise)" });
    expect(parseRupeesToPaise("1,23,456.7")).toEqual({ ok: true, paise: 12_345_670n });
    expect(parseRupeesToPaise("-5")).toMatchObject({ ok: false });
    expect(parseRupeesToPaise("12.34.56")).toMatchObject({ ok: false });
  });

  test("paise are shown exactly at any size", () => {
    expect(formatPaise(12_345_678n)).toBe("₹1,23,456.78");
    expect(formatPaise("499900")).toBe("₹4,999");
    expect(formatPaise(499_950)).toBe("₹4,999.50");
    expect(formatPaise(9_007_199_254_740_993n)).toBe("₹9,00,71,99,25,47,409.93");
  });
});
