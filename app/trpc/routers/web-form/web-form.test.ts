import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { addMember, createOrganization } from "../../../../prisma/factories";
import { createWebForm } from "../../../../prisma/factories-imports";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const admin = await addMember(prisma, { organizationId: organization.id, role: "ADMIN" });
  const manager = await addMember(prisma, { organizationId: organization.id, role: "MANAGER" });
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const viewer = await addMember(prisma, { organizationId: organization.id, role: "VIEWER" });
  return { organization, owner, admin, manager, agent, viewer };
}

describe("webForm procedures", () => {
  test("an ADMIN creates a form and sees its key, endpoint and tags; switches it off and on; gets a new key", async () => {
    const t = await team();
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });
    const form = await caller.webForm.create({ name: " Free indicator trial ", redirectUrl: "https://example.in/thanks", tags: "Webinar-Lead, trial, trial" });
    expect(form).toMatchObject({ name: "Free indicator trial", enabled: true, redirectUrl: "https://example.in/thanks", tagNames: ["webinar-lead", "trial"] });
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(form.endpoint).toMatch(new RegExp(`/webhooks/forms/${form.key}$`));

    const [listed] = await caller.webForm.list();
    expect(listed).toMatchObject({ id: form.id, key: form.key, submissionCount: 0, recentSubmissions: [] });

    expect(await caller.webForm.setEnabled({ id: form.id, enabled: "false" })).toEqual({ id: form.id, enabled: false });
    expect((await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).enabled).toBe(false);
    await caller.webForm.setEnabled({ id: form.id, enabled: true });

    const renewed = await caller.webForm.regenerateKey({ id: form.id });
    expect(renewed.key).not.toBe(form.key);
    expect((await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).key).toBe(renewed.key);
  });

  test("the redirect must be https or a path; bad input changes nothing", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    for (const redirectUrl of ["http://example.in/thanks", "javascript:alert(1)", "//evil.example/x", "ftp://x"]) {
      const error = await expectTRPCError(caller.webForm.create({ name: "Form", redirectUrl, tags: "" }), "BAD_REQUEST");
      expect(error.cause?.message).toMatch(/https:\/\/ address or a path/);
    }
    await expectTRPCError(caller.webForm.create({ name: "", tags: "" }), "BAD_REQUEST");
    await expectTRPCError(caller.webForm.create({ name: "Form", tags: "x".repeat(61) }), "BAD_REQUEST");
    expect(await prisma.webForm.count({ where: { organizationId: t.organization.id } })).toBe(0);
    const relative = await caller.webForm.create({ name: "Form", redirectUrl: "/thank-you?from=form", tags: "" });
    expect(relative.redirectUrl).toBe("/thank-you?from=form");
    const none = await caller.webForm.create({ name: "JSON form", redirectUrl: "", tags: "" });
    expect(none.redirectUrl).toBeNull();
  });

  test("an ADMIN lists the websites allowed to post; bad entries are refused by name and change nothing", async () => {
    const t = await team();
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });
    const form = await caller.webForm.create({ name: "Trial", tags: "", allowedOrigins: "https://Shop.Example.in/\nwww.example.in" });
    expect(form.allowedOrigins).toEqual(["https://shop.example.in", "https://www.example.in"]);
    expect((await caller.webForm.list())[0]!.allowedOrigins).toEqual(["https://shop.example.in", "https://www.example.in"]);

    expect(await caller.webForm.setAllowedOrigins({ id: form.id, allowedOrigins: "http://localhost:8080, https://shop.example.in" })).toEqual({
      id: form.id,
      allowedOrigins: ["http://localhost:8080", "https://shop.example.in"],
    });
    for (const allowedOrigins of ["https://shop.example.in/contact", "ftp://files.example.in", "https://*.example.in"]) {
      const error = await expectTRPCError(caller.webForm.setAllowedOrigins({ id: form.id, allowedOrigins }), "BAD_REQUEST");
      expect(error.cause?.message).toContain(`${allowedOrigins}\\" isn't a website address`);
    }
    const stored = await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } });
    expect(stored.allowedOrigins).toEqual(["http://localhost:8080", "https://shop.example.in"]);

    // An empty list opens the form to any website again.
    expect((await caller.webForm.setAllowedOrigins({ id: form.id, allowedOrigins: "" })).allowedOrigins).toEqual([]);
    expect((await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).allowedOrigins).toEqual([]);
  });

  test("an ADMIN chooses what visitors see after posting: thank-you page (default), back to the page, or a redirect", async () => {
    const t = await team();
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });
    const plain = await caller.webForm.create({ name: "Plain", tags: "" });
    expect(plain).toMatchObject({ afterSubmit: "THANK_YOU_PAGE", redirectUrl: null });
    const back = await caller.webForm.create({ name: "Back", tags: "", afterSubmit: "BACK_TO_PAGE", redirectUrl: "https://ignored.example/x" });
    expect(back).toMatchObject({ afterSubmit: "BACK_TO_PAGE", redirectUrl: null });
    const redirecting = await caller.webForm.create({ name: "Redirect", tags: "", redirectUrl: "/thanks" });
    expect(redirecting).toMatchObject({ afterSubmit: "REDIRECT", redirectUrl: "/thanks" });

    expect(await caller.webForm.setAfterSubmit({ id: plain.id, afterSubmit: "REDIRECT", redirectUrl: "https://example.in/thanks" })).toEqual({
      id: plain.id,
      afterSubmit: "REDIRECT",
      redirectUrl: "https://example.in/thanks",
    });
    expect(await caller.webForm.setAfterSubmit({ id: plain.id, afterSubmit: "BACK_TO_PAGE", redirectUrl: "" })).toMatchObject({ afterSubmit: "BACK_TO_PAGE", redirectUrl: null });
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: plain.id } })).toMatchObject({ afterSubmit: "BACK_TO_PAGE", redirectUrl: null });
    expect((await caller.webForm.list()).map((form) => [form.name, form.afterSubmit])).toEqual([
      ["Redirect", "REDIRECT"],
      ["Back", "BACK_TO_PAGE"],
      ["Plain", "BACK_TO_PAGE"],
    ]);
  });

  test("a redirect needs its address, the choice must be one of the three; bad input changes nothing", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    const form = await caller.webForm.create({ name: "Form", tags: "", afterSubmit: "BACK_TO_PAGE" });
    const missing = await expectTRPCError(caller.webForm.setAfterSubmit({ id: form.id, afterSubmit: "REDIRECT", redirectUrl: " " }), "BAD_REQUEST");
    expect(missing.cause?.message).toContain("Enter the address to send visitors to");
    const unknown = await expectTRPCError(caller.webForm.setAfterSubmit({ id: form.id, afterSubmit: "POPUP" } as never), "BAD_REQUEST");
    expect(unknown.cause?.message).toContain("Choose what visitors see after sending the form");
    await expectTRPCError(caller.webForm.setAfterSubmit({ id: form.id, afterSubmit: "REDIRECT", redirectUrl: "http://plain.example" }), "BAD_REQUEST");
    await expectTRPCError(caller.webForm.create({ name: "New", tags: "", afterSubmit: "REDIRECT" }), "BAD_REQUEST");
    expect(await prisma.webForm.count({ where: { organizationId: t.organization.id } })).toBe(1);
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).toMatchObject({ afterSubmit: "BACK_TO_PAGE", redirectUrl: null });
  });

  test.each(["MANAGER", "AGENT", "VIEWER"] as const)("a %s cannot see or manage forms (FORBIDDEN)", async (role) => {
    const t = await team();
    const form = await createWebForm(prisma, { organizationId: t.organization.id });
    const actor = { MANAGER: t.manager, AGENT: t.agent, VIEWER: t.viewer }[role];
    const { caller } = await callerFor(actor.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.webForm.list(), "FORBIDDEN");
    await expectTRPCError(caller.webForm.create({ name: "Mine", tags: "" }), "FORBIDDEN");
    await expectTRPCError(caller.webForm.setEnabled({ id: form.id, enabled: false }), "FORBIDDEN");
    await expectTRPCError(caller.webForm.regenerateKey({ id: form.id }), "FORBIDDEN");
    await expectTRPCError(caller.webForm.setAllowedOrigins({ id: form.id, allowedOrigins: ["https://mine.example"] }), "FORBIDDEN");
    await expectTRPCError(caller.webForm.setAfterSubmit({ id: form.id, afterSubmit: "BACK_TO_PAGE" }), "FORBIDDEN");
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).toEqual(form);
  });
});

describe("tenant isolation: organization A replaying organization B's form ids", () => {
  test("NOT_FOUND for every procedure, nothing of B's listed, B's forms unchanged", async () => {
    const a = await team();
    const b = await team();
    const bForm = await createWebForm(prisma, { organizationId: b.organization.id, name: "B secret form", tagNames: ["b-tag"] });
    await createWebForm(prisma, { organizationId: a.organization.id, name: "A form" });
    for (const actor of [a.owner, a.admin.user]) {
      const { caller } = await callerFor(actor, { organizationId: a.organization.id });
      const refusals = [
        await expectTRPCError(caller.webForm.setEnabled({ id: bForm.id, enabled: false }), "NOT_FOUND"),
        await expectTRPCError(caller.webForm.regenerateKey({ id: bForm.id }), "NOT_FOUND"),
        await expectTRPCError(caller.webForm.setAllowedOrigins({ id: bForm.id, allowedOrigins: "https://a.example" }), "NOT_FOUND"),
        await expectTRPCError(caller.webForm.setAfterSubmit({ id: bForm.id, afterSubmit: "REDIRECT", redirectUrl: "https://a.example/x" }), "NOT_FOUND"),
      ];
      for (const refusal of refusals) expect(JSON.stringify(refusal)).not.toContain(bForm.key);
      const list = await caller.webForm.list();
      expect(list.map((form) => form.name)).toEqual(["A form"]);
      expect(JSON.stringify(list)).not.toMatch(new RegExp(`${bForm.key}|B secret form|b-tag`));
    }
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: bForm.id } })).toEqual(bForm);
  });
});
