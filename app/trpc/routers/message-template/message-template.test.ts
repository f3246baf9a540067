import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createMessageTemplate } from "../../../../prisma/factories-conversations";

const SID = `HX${"ab12".repeat(8)}`;

const welcome = {
  name: "welcome_offer",
  channelKind: "WHATSAPP" as const,
  language: "en",
  category: "MARKETING" as const,
  body: "Hi {{firstName}}, {{ productName }} is {{price}} this week. Reply YES, {{firstName}}!",
  approvalStatus: "APPROVED" as const,
  contentSid: SID,
};

async function refusedField(call: Promise<unknown>, code: "BAD_REQUEST" | "CONFLICT", field: string) {
  const error = await expectTRPCError(call, code);
  return toActionFailure(error).fieldErrors[field];
}

describe("message templates", () => {
  test("an admin creates, lists, edits and deletes templates; each answer names the variables in order", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const created = await admin.messageTemplate.create(welcome);
    expect(created).toMatchObject({ ...welcome, variables: ["firstName", "productName", "price"] });

    const sms = await admin.messageTemplate.create({ name: "welcome_offer", channelKind: "SMS", body: "Hi {{firstName}}", contentSid: "" });
    expect(sms).toMatchObject({ channelKind: "SMS", language: "en", category: "UTILITY", approvalStatus: "DRAFT", contentSid: null });
    // The same name in another language is another template.
    await admin.messageTemplate.create({ ...welcome, language: "hi", body: "नमस्ते {{firstName}}" });
    // An email is not sent through Twilio's Content API: a SID given for it is not kept.
    const email = await admin.messageTemplate.create({ ...welcome, channelKind: "EMAIL" });
    expect(email.contentSid).toBeNull();

    const agent = await w.as(w.agent);
    expect((await agent.messageTemplate.list()).map((t) => [t.channelKind, t.name, t.language])).toEqual([
      ["WHATSAPP", "welcome_offer", "en"],
      ["WHATSAPP", "welcome_offer", "hi"],
      ["SMS", "welcome_offer", "en"],
      ["EMAIL", "welcome_offer", "en"],
    ]);
    expect(await agent.messageTemplate.list({ channelKind: "SMS" })).toHaveLength(1);
    expect(await agent.messageTemplate.get({ id: created.id })).toMatchObject({ id: created.id, body: welcome.body });

    const edited = await admin.messageTemplate.update({ id: created.id, ...welcome, body: "Hello {{name}}", approvalStatus: "PENDING" });
    expect(edited).toMatchObject({ body: "Hello {{name}}", approvalStatus: "PENDING", variables: ["name"] });
    expect(await prisma.messageTemplate.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ body: "Hello {{name}}", approvalStatus: "PENDING" });

    expect(await admin.messageTemplate.delete({ id: created.id })).toEqual({ id: created.id, name: "welcome_offer" });
    expect(await prisma.messageTemplate.findUnique({ where: { id: created.id } })).toBeNull();
    await expectTRPCError(admin.messageTemplate.delete({ id: created.id }), "NOT_FOUND");
  });

  test("bad input is refused by field and changes nothing: variable syntax, duplicates, the content SID, the language", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const existing = await admin.messageTemplate.create(welcome);
    const before = await prisma.messageTemplate.findMany({ where: { organizationId: w.organizationId } });

    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "a", body: "Hi {{ first name }}" }), "BAD_REQUEST", "body")).toMatch(
      /“\{\{ first name \}\}” is not a variable/,
    );
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "b", body: "Hi {{firstName, see you" }), "BAD_REQUEST", "body")).toMatch(/is not closed/);
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "c", body: "Hi firstName}}" }), "BAD_REQUEST", "body")).toMatch(/has no “\{\{” before it/);
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "d", body: "Hi {{1}}" }), "BAD_REQUEST", "body")).toMatch(/not a variable/);
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "e", body: "   " }), "BAD_REQUEST", "body")).toBe("Write the message");
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "f", contentSid: "HX123" }), "BAD_REQUEST", "contentSid")).toMatch(/HX followed by 32 hex/);
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "g", language: "English" }), "BAD_REQUEST", "language")).toMatch(/language code/);
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "h", approvalStatus: "LIVE" as "DRAFT" }), "BAD_REQUEST", "approvalStatus")).toMatch(/Choose/);
    expect(await refusedField(admin.messageTemplate.create({ ...welcome, name: "  " }), "BAD_REQUEST", "name")).toBe("Enter a name");
    expect(await refusedField(admin.messageTemplate.create(welcome), "CONFLICT", "name")).toBe("There is already a WhatsApp template called “welcome_offer” in en.");
    const other = await admin.messageTemplate.create({ ...welcome, name: "reminder" });
    expect(await refusedField(admin.messageTemplate.update({ id: other.id, ...welcome }), "CONFLICT", "name")).toMatch(/already a WhatsApp template/);

    const after = await prisma.messageTemplate.findMany({ where: { organizationId: w.organizationId, id: { not: other.id } } });
    expect(after).toEqual(before);
    expect(await prisma.messageTemplate.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ name: "reminder" });
    expect(existing.id).toBe(before[0]!.id);
  });

  test("another organization's template is not found for reading, editing or deleting, and stays as it was", async () => {
    const w = await contactWorld();
    const theirs = await createMessageTemplate(prisma, { organizationId: w.b.organization.id, name: "b_secret", body: "B's {{secret}}" });
    const admin = await w.as(w.admin);
    await expectTRPCError(admin.messageTemplate.get({ id: theirs.id }), "NOT_FOUND");
    await expectTRPCError(admin.messageTemplate.update({ id: theirs.id, ...welcome }), "NOT_FOUND");
    await expectTRPCError(admin.messageTemplate.delete({ id: theirs.id }), "NOT_FOUND");
    expect(JSON.stringify(await admin.messageTemplate.list())).not.toContain("b_secret");
    expect(await prisma.messageTemplate.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
  });

  test.each(["manager", "agent", "viewer"] as const)("a %s reads templates but may not change them", async (role) => {
    const w = await contactWorld();
    const template = await createMessageTemplate(prisma, { organizationId: w.organizationId, name: "keep_me" });
    const caller = await w.as(w[role]);
    await expect(caller.messageTemplate.list()).resolves.toHaveLength(1);
    await expectTRPCError(caller.messageTemplate.create({ ...welcome, name: "new" }), "FORBIDDEN");
    await expectTRPCError(caller.messageTemplate.update({ id: template.id, ...welcome }), "FORBIDDEN");
    await expectTRPCError(caller.messageTemplate.delete({ id: template.id }), "FORBIDDEN");
    expect(await prisma.messageTemplate.findMany({ where: { organizationId: w.organizationId } })).toEqual([template]);
  });
});
