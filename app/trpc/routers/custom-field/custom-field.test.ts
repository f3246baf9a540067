import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { checkCustomFieldValue, customFieldKeyFromLabel } from "~/trpc/routers/custom-field/custom-field-value";
import { createContact } from "../../../../prisma/factories";

describe("custom field values", () => {
  test("keys come from labels; values are checked and normalized by type", () => {
    expect(customFieldKeyFromLabel("Trading experience")).toBe("trading_experience");
    expect(customFieldKeyFromLabel("TradingView username!")).toBe("tradingview_username");
    expect(customFieldKeyFromLabel("2024 Budget (₹)")).toBe("field_2024_budget");
    expect(customFieldKeyFromLabel("Café")).toBe("cafe");
    expect(customFieldKeyFromLabel("!!!")).toBe("");
    const def = (type: "TEXT" | "NUMBER" | "DATE" | "SELECT", options: string[] = []) => ({ key: "k", label: "Field", type, options });
    expect(checkCustomFieldValue(def("NUMBER"), " 1,200.50 ")).toEqual({ ok: true, value: "1200.5" });
    expect(checkCustomFieldValue(def("NUMBER"), "Infinity").ok).toBe(false);
    expect(checkCustomFieldValue(def("NUMBER"), "12abc").ok).toBe(false);
    expect(checkCustomFieldValue(def("DATE"), "2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(checkCustomFieldValue(def("DATE"), "2023-02-29").ok).toBe(false);
    expect(checkCustomFieldValue(def("DATE"), "29/02/2024").ok).toBe(false);
    expect(checkCustomFieldValue(def("SELECT", ["Beginner", "Pro"]), "pro")).toEqual({ ok: true, value: "Pro" });
    expect(checkCustomFieldValue(def("SELECT", ["Beginner", "Pro"]), "expert")).toEqual({ ok: false, message: "Choose one of: Beginner, Pro" });
    expect(checkCustomFieldValue(def("TEXT"), "x".repeat(500)).ok).toBe(true);
    expect(checkCustomFieldValue(def("TEXT"), "x".repeat(501)).ok).toBe(false);
  });
});

describe("custom field settings", () => {
  test("admins create (label → key), reorder and delete (which clears the value from contacts)", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const admin = await w.as(w.admin);
    const experience = await admin.customField.create({ label: "Trading experience", type: "SELECT", options: "beginner\nintermediate\n pro \n\nPRO" });
    expect(experience).toMatchObject({ key: "trading_experience", type: "SELECT", options: ["beginner", "intermediate", "PRO"], position: 0 });
    const tv = await admin.customField.create({ label: "TradingView username", type: "TEXT", options: "ignored" });
    expect(tv).toMatchObject({ key: "tradingview_username", options: [], position: 1 });
    const since = await admin.customField.create({ label: "Trading since", type: "DATE" });

    const fieldErrors = async (call: Promise<unknown>) => toActionFailure(await expectTRPCError(call, "BAD_REQUEST")).fieldErrors;
    expect(await fieldErrors(admin.customField.create({ label: "Plan", type: "SELECT", options: "only-one" }))).toEqual({
      options: "Give at least two options, one per line",
    });
    expect(await fieldErrors(admin.customField.create({ label: "***", type: "TEXT" }))).toEqual({
      label: "Use some letters or numbers in the label",
    });
    await expectTRPCError(admin.customField.create({ label: "Trading Experience!", type: "TEXT" }), "CONFLICT", /trading_experience/);

    await admin.customField.move({ id: since.id, direction: "up" });
    await admin.customField.move({ id: experience.id, direction: "up" }); // already first: stays
    expect((await admin.customField.list()).map((f) => f.key)).toEqual(["trading_experience", "trading_since", "tradingview_username"]);
    await admin.customField.move({ id: experience.id, direction: "down" });
    expect((await admin.customField.list()).map((f) => [f.key, f.position])).toEqual([
      ["trading_since", 0],
      ["trading_experience", 1],
      ["tradingview_username", 2],
    ]);

    const tagged = await createContact(prisma, { organizationId });
    await prisma.contact.update({ where: { id: tagged.id }, data: { customFields: { trading_experience: "PRO", tradingview_username: "kavya" } } });
    const bContact = await createContact(prisma, { organizationId: w.b.organization.id });
    await prisma.contact.update({ where: { id: bContact.id }, data: { customFields: { trading_experience: "pro" } } });

    expect(await admin.customField.delete({ id: experience.id })).toMatchObject({ cleared: 1 });
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: tagged.id } })).customFields).toEqual({ tradingview_username: "kavya" });
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: bContact.id } })).customFields).toEqual({ trading_experience: "pro" });
    expect((await admin.customField.list()).map((f) => f.key)).toEqual(["trading_since", "tradingview_username"]);
    await expectTRPCError(admin.customField.delete({ id: experience.id }), "NOT_FOUND");
  });

  test.each(["manager", "agent", "viewer"] as const)("a %s may read fields but not change them", async (role) => {
    const w = await contactWorld();
    const field = await (await w.as(w.admin)).customField.create({ label: "Broker", type: "TEXT" });
    const caller = await w.as(w[role]);
    await expect(caller.customField.list()).resolves.toHaveLength(1);
    await expectTRPCError(caller.customField.create({ label: "Other", type: "TEXT" }), "FORBIDDEN");
    await expectTRPCError(caller.customField.move({ id: field.id, direction: "down" }), "FORBIDDEN");
    await expectTRPCError(caller.customField.delete({ id: field.id }), "FORBIDDEN");
    expect(await prisma.customFieldDefinition.count({ where: { organizationId: w.organizationId } })).toBe(1);
  });
});
