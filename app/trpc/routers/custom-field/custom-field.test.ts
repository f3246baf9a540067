import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { checkCustomFieldValue, customFieldKeyFromLabel } from "~/domain/custom-field/custom-field-value";
import { planOptionChanges } from "~/trpc/routers/custom-field/custom-field-option-changes";
import { lockCustomFields, updateCustomFieldDefinition } from "~/models/custom-field.server";
import { createContact } from "../../../../prisma/factories";
import { createCustomField } from "../../../../prisma/factories-contact";

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
    // One option too long is reported on the options (the one box the form has), naming the option.
    expect(await fieldErrors(admin.customField.create({ label: "Plan", type: "SELECT", options: `basic\n\n${"p".repeat(61)}` }))).toEqual({
      options: `Option 2 (“${"p".repeat(24)}…”) is 61 characters; keep each option to 60 or fewer`,
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
    await expectTRPCError(caller.customField.update({ id: field.id, label: "Renamed" }), "FORBIDDEN");
    await expectTRPCError(caller.customField.move({ id: field.id, direction: "down" }), "FORBIDDEN");
    await expectTRPCError(caller.customField.delete({ id: field.id }), "FORBIDDEN");
    expect(await prisma.customFieldDefinition.count({ where: { organizationId: w.organizationId } })).toBe(1);
    expect(await prisma.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } })).toMatchObject({ label: "Broker" });
  });
});

describe("planning an options edit", () => {
  const row = (from: string | null, name: string) => ({ from, name });
  test("renames, removals, additions and order; a new row spelled like a removed option keeps it", () => {
    expect(planOptionChanges(["a", "b", "c"], [row("c", "c"), row("a", "A+"), row(null, "d")])).toEqual({
      ok: true,
      options: ["c", "A+", "d"],
      renames: [{ from: "a", to: "A+" }],
      removed: ["b"],
    });
    expect(planOptionChanges(["a", "b"], [row("a", "b"), row("b", "a")])).toMatchObject({
      renames: [
        { from: "a", to: "b" },
        { from: "b", to: "a" },
      ],
      removed: [],
    });
    expect(planOptionChanges(["pro", "basic"], [row("basic", "basic"), row(null, "Pro")])).toEqual({
      ok: true,
      options: ["basic", "Pro"],
      renames: [{ from: "pro", to: "Pro" }],
      removed: [],
    });
    expect(planOptionChanges(["a", "b"], [row("a", "a"), row("gone", "b")])).toEqual({ ok: false, stale: "gone" });
  });
});

describe("customField.update", () => {
  async function selectWorld() {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const admin = await w.as(w.admin);
    const field = await createCustomField(prisma, {
      organizationId,
      key: "experience",
      label: "Experience",
      type: "SELECT",
      options: ["beginner", "intermediate", "pro"],
    });
    const other = await createCustomField(prisma, { organizationId, key: "broker", label: "Broker", type: "TEXT" });
    const withValue = async (value: string | null, orgId = organizationId) => {
      const contact = await createContact(prisma, { organizationId: orgId });
      const customFields = value === null ? { broker: "zerodha" } : { experience: value, broker: "zerodha" };
      await prisma.contact.update({ where: { id: contact.id }, data: { customFields } });
      return contact.id;
    };
    const valueOf = async (id: string) =>
      ((await prisma.contact.findUniqueOrThrow({ where: { id } })).customFields as Record<string, string>).experience ?? null;
    return { w, organizationId, admin, field, other, withValue, valueOf };
  }

  const fieldErrors = async (call: Promise<unknown>) => toActionFailure(await expectTRPCError(call, "BAD_REQUEST")).fieldErrors;
  const rows = (...pairs: Array<[string | null, string]>) => pairs.map(([from, name]) => ({ from, name }));

  test("label and options change; renamed options carry over to contacts (another organization's same key untouched); key and type stay", async () => {
    const { w, admin, field, withValue, valueOf } = await selectWorld();
    const beginners = [await withValue("beginner"), await withValue("beginner")];
    const pro = await withValue("pro");
    const intermediate = await withValue("intermediate");
    const none = await withValue(null);
    await createCustomField(prisma, { organizationId: w.b.organization.id, key: "experience", label: "Experience", type: "SELECT", options: ["beginner", "pro"] });
    const bContact = await withValue("beginner", w.b.organization.id);

    const result = await admin.customField.update({
      id: field.id,
      label: "Trading experience",
      // Reordered, "beginner" renamed, "pro" recased, a new "expert" row.
      options: rows(["pro", "Pro"], ["beginner", "Novice"], ["intermediate", "intermediate"], [null, "expert"]),
    });
    expect(result).toMatchObject({
      id: field.id,
      key: "experience",
      type: "SELECT",
      label: "Trading experience",
      previousLabel: "Experience",
      options: ["Pro", "Novice", "intermediate", "expert"],
      renamed: 3,
      cleared: 0,
    });
    expect(await prisma.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } })).toMatchObject({
      key: "experience",
      type: "SELECT",
      label: "Trading experience",
      options: ["Pro", "Novice", "intermediate", "expert"],
    });
    expect(await Promise.all([...beginners, pro, intermediate, none].map(valueOf))).toEqual(["Novice", "Novice", "Pro", "intermediate", null]);
    // The other field's values are untouched, and so is organization B's contact with the same key and value.
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: pro } })).customFields).toEqual({ experience: "Pro", broker: "zerodha" });
    expect(await valueOf(bContact)).toBe("beginner");
    // The contact form now accepts the new spelling and refuses the old one.
    const profile = await admin.contact.get({ id: beginners[0]! });
    expect(profile.customFields.find((f) => f.key === "experience")).toMatchObject({ label: "Trading experience", value: "Novice" });
  });

  test("a contact saved while the options are being edited waits for the edit, then is checked against the new options", async () => {
    const { organizationId, admin, field, withValue, valueOf } = await selectWorld();
    const id = await withValue(null);
    const { version } = await prisma.contact.findUniqueOrThrow({ where: { id } });
    // An edit under way: definitions locked, "pro" already renamed to "expert", not yet committed.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const editing = new Promise<void>((resolve) => (started = resolve));
    const edit = prisma.$transaction(
      async (tx) => {
        await lockCustomFields(tx, { organizationId });
        await updateCustomFieldDefinition(tx, { organizationId, id: field.id, label: field.label, options: ["beginner", "intermediate", "expert"] });
        started();
        await gate;
      },
      { timeout: 20_000 },
    );
    await editing;

    const outcome = admin.contact.update({ id, version, customFields: { experience: "pro" } }).then(
      () => null,
      (error: unknown) => error,
    );
    // The save is waiting for the edit's lock (not deciding on the options it read before the edit).
    await expect
      .poll(async () => {
        const rows = await prisma.$queryRaw<Array<{ n: number }>>`
          SELECT count(*)::int AS n FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
        return rows[0]!.n;
      })
      .toBe(1);
    release();
    await edit;
    const refusal = await outcome;
    expect(refusal).not.toBeNull();
    expect(toActionFailure(refusal).fieldErrors).toHaveProperty(["customFields.experience"]);
    expect(await valueOf(id)).toBeNull();
  });

  test("two options swapping names swap on contacts too", async () => {
    const { admin, field, withValue, valueOf } = await selectWorld();
    const wasBeginner = await withValue("beginner");
    const wasPro = await withValue("pro");
    await admin.customField.update({ id: field.id, label: "Experience", options: rows(["beginner", "pro"], ["intermediate", "intermediate"], ["pro", "beginner"]) });
    expect([await valueOf(wasBeginner), await valueOf(wasPro)]).toEqual(["pro", "beginner"]);
  });

  test("removing an option contacts still have is refused with how many, unless confirmed, which clears it from them", async () => {
    const { admin, field, withValue, valueOf } = await selectWorld();
    const pros = [await withValue("pro"), await withValue("pro"), await withValue("pro")];
    const beginner = await withValue("beginner");
    const before = await prisma.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } });

    const withoutProAndIntermediate = { id: field.id, label: "Experience", options: rows(["beginner", "beginner"], [null, "expert"]) };
    expect(await fieldErrors(admin.customField.update(withoutProAndIntermediate))).toEqual({
      options: "pro is set on 3 contacts. Rename it to keep the value, or tick “Clear removed options from the contacts that have them”.",
    });
    expect(await prisma.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } })).toEqual(before);
    expect(await Promise.all(pros.map(valueOf))).toEqual(["pro", "pro", "pro"]);

    // Unused "intermediate" alone goes without asking.
    expect(
      await admin.customField.update({ id: field.id, label: "Experience", options: rows(["beginner", "beginner"], ["pro", "pro"]) }),
    ).toMatchObject({ options: ["beginner", "pro"], cleared: 0, renamed: 0 });

    const cleared = await admin.customField.update({
      id: field.id,
      label: "Experience",
      options: rows(["beginner", "beginner"], [null, "expert"]),
      clearRemoved: true,
    });
    expect(cleared).toMatchObject({ options: ["beginner", "expert"], cleared: 3 });
    expect(await Promise.all(pros.map(valueOf))).toEqual([null, null, null]);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: pros[0]! } })).customFields).toEqual({ broker: "zerodha" });
    expect(await valueOf(beginner)).toBe("beginner");
  });

  test("bad input is a field error and nothing changes", async () => {
    const { w, admin, field, other, withValue, valueOf } = await selectWorld();
    const pro = await withValue("pro");
    const before = await prisma.customFieldDefinition.findMany({ where: { organizationId: w.organizationId }, orderBy: { id: "asc" } });
    const keep = rows(["beginner", "beginner"], ["intermediate", "intermediate"], ["pro", "pro"]);

    expect(await fieldErrors(admin.customField.update({ id: field.id, label: "   ", options: keep }))).toEqual({ label: "Enter a label" });
    expect(await fieldErrors(admin.customField.update({ id: field.id, label: "x".repeat(81) }))).toEqual({ label: "Use at most 80 characters" });
    expect(
      await fieldErrors(admin.customField.update({ id: field.id, label: "Experience", options: rows(["beginner", "Pro"], ["pro", "pro"]) })),
    ).toEqual({ "options.1.name": "pro is already an option" });
    expect(await fieldErrors(admin.customField.update({ id: field.id, label: "Experience", options: rows(["beginner", ""], ["pro", "pro"]) }))).toEqual({
      "options.0.name": "Enter the option, or remove the row",
    });
    expect(
      await fieldErrors(
        admin.customField.update({ id: field.id, label: "Experience", options: Array.from({ length: 51 }, (_, i) => ({ from: null, name: `o${i}` })) }),
      ),
    ).toEqual({ options: "Use at most 50 options" });
    expect(await fieldErrors(admin.customField.update({ id: field.id, label: "Experience", options: rows(["pro", "pro"]) }))).toEqual({
      options: "Give at least two options",
    });
    expect(await fieldErrors(admin.customField.update({ id: field.id, label: "broker", options: keep }))).toEqual({
      label: "Another field is already called Broker",
    });
    expect(await fieldErrors(admin.customField.update({ id: other.id, label: "Broker", options: keep }))).toEqual({
      options: "Only single-choice fields have options",
    });
    await expectTRPCError(
      admin.customField.update({ id: field.id, label: "Experience", options: rows(["advanced", "advanced"], ["pro", "pro"]) }),
      "CONFLICT",
      /advanced is no longer an option of Experience/,
    );
    await expectTRPCError(admin.customField.update({ id: "not-a-uuid", label: "Experience" }), "BAD_REQUEST");
    await expectTRPCError(admin.customField.update({ id: "00000000-0000-4000-8000-000000000000", label: "Experience" }), "NOT_FOUND");

    expect(await prisma.customFieldDefinition.findMany({ where: { organizationId: w.organizationId }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await valueOf(pro)).toBe("pro");

    // A label alone (no options) keeps the options; the same label in another case is the field itself.
    expect(await admin.customField.update({ id: field.id, label: "EXPERIENCE" })).toMatchObject({
      label: "EXPERIENCE",
      options: ["beginner", "intermediate", "pro"],
    });
  });
});
