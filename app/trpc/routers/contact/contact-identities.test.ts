// Secondary phones and emails (kept from merged contacts): a contact is found
// by them when someone adds or edits a contact, when a website form arrives,
// and when looking for duplicates.
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { closeFormRateLimiter, submitWebForm, webFormAccess } from "~/services/form-submission.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact } from "../../../../prisma/factories";
import { createWebForm } from "../../../../prisma/factories-imports";

afterAll(async () => {
  await closeFormRateLimiter();
});

type World = Awaited<ReturnType<typeof contactWorld>>;

/** Priya's two records merged: she keeps +91 98765 43210 and answers to +91 91234 56789 and priya.old@example.com too. */
async function mergedPriya(w: World) {
  const manager = await w.as(w.manager);
  const survivor = await createContact(prisma, {
    organizationId: w.organizationId,
    name: "Priya Sharma",
    phone: "+919876543210",
    email: "priya@example.com",
  });
  const duplicate = await createContact(prisma, {
    organizationId: w.organizationId,
    name: "Priya S",
    phone: "+919123456789",
    email: "priya.old@example.com",
  });
  await manager.contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
  return { manager, survivor, duplicate };
}

describe("secondary phones and emails", () => {
  test("adding a contact with a secondary phone or email is refused naming the contact that has it", async () => {
    const w = await contactWorld();
    const { manager, survivor } = await mergedPriya(w);
    await expectTRPCError(
      manager.contact.create({ name: "Someone", phone: "91234 56789" }),
      "CONFLICT",
      "Priya Sharma already has this phone number.",
    );
    await expectTRPCError(
      manager.contact.create({ name: "Someone", phone: "90000 00001", email: "Priya.Old@example.com" }),
      "CONFLICT",
      "Priya Sharma already has this email address.",
    );
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(1);

    // Another contact can't take it by an edit either.
    const other = await createContact(prisma, { organizationId: w.organizationId, name: "Rahul", phone: "+919000000002" });
    await expectTRPCError(manager.contact.update({ id: other.id, version: 1, phone: "+91 91234 56789" }), "CONFLICT");
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ phone: "+919000000002" });
    expect((await manager.contact.get({ id: survivor.id })).identities).toHaveLength(2);
  });

  test("a website form posted with a secondary phone lands on that contact, not a new one", async () => {
    const w = await contactWorld();
    const { survivor } = await mergedPriya(w);
    const form = await createWebForm(prisma, { organizationId: w.organizationId, name: "Free trial" });
    const { form: publicForm } = await webFormAccess(prisma, { formKey: form.key, origin: null });
    const outcome = await submitWebForm(prisma, {
      form: publicForm,
      fields: { name: "Priya", phone: "091234 56789", message: "Send the BankNifty script" },
      ip: "198.51.100.77",
    });
    expect(outcome.kind).toBe("accepted");
    expect(await prisma.contact.count({ where: { organizationId: w.organizationId } })).toBe(1);
    const submission = await prisma.formSubmission.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    expect(submission.contactId).toBe(survivor.id);
    const event = await prisma.contactEvent.findFirstOrThrow({ where: { contactId: survivor.id, type: "FORM_SUBMITTED" } });
    expect(event.data).toMatchObject({ message: "Send the BankNifty script" });
  });

  test("a contact with the same last 10 digits as a secondary phone, or a secondary email, is a possible duplicate (both ways)", async () => {
    const w = await contactWorld();
    const { manager, survivor } = await mergedPriya(w);
    const byPhone = await createContact(prisma, { organizationId: w.organizationId, name: "P Sharma", phone: "+19123456789" });
    const byEmail = await createContact(prisma, {
      organizationId: w.organizationId,
      name: "Unrelated Name",
      phone: "+919000000003",
      email: "priya.old@example.com",
    });
    const found = await manager.contact.duplicates({ id: survivor.id });
    expect(found.map((d) => [d.id, d.matchedOn])).toEqual([
      [byPhone.id, "phone"],
      [byEmail.id, "email"],
    ]);
    expect((await manager.contact.duplicates({ id: byPhone.id })).map((d) => [d.id, d.matchedOn])).toEqual([[survivor.id, "phone"]]);
    expect((await manager.contact.duplicates({ id: byEmail.id })).map((d) => [d.id, d.matchedOn])).toEqual([[survivor.id, "email"]]);
  });

  test("deleting the contact removes its secondary identities, so the number is free again", async () => {
    const w = await contactWorld();
    const { manager, survivor } = await mergedPriya(w);
    await manager.contact.delete({ id: survivor.id });
    expect(await prisma.contactIdentity.count({ where: { organizationId: w.organizationId } })).toBe(0);
    const created = await manager.contact.create({ name: "New Priya", phone: "91234 56789" });
    expect(created.name).toBe("New Priya");
  });
});
