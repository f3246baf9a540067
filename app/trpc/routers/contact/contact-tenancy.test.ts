// Tenancy replay for the single-contact procedures (contact, followUp, tag,
// customField): members of organization A replay organization B's ids (the
// world is shared with the contact routes' replay). Every
// call is refused (NOT_FOUND, or FORBIDDEN where the role alone forbids it,
// or a field error where B's id is only a reference), no answer contains B's
// data, and B's rows are exactly as they were.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError, type TestCaller } from "~/testing/caller";
import { roleAtLeast, type Role } from "~/utils/permissions";
import { buildTenancyWorld, expectNoneOf, snapshotB, type TenancyWorld as World } from "~/trpc/routers/contact/contact-tenancy-world";

let world: World;
let attackers: Array<{ label: string; role: Role; caller: TestCaller }>;

beforeAll(async () => {
  world = await buildTenancyWorld();
  const aId = world.a.organization.id;
  attackers = [];
  for (const role of ["OWNER", "MANAGER", "AGENT", "VIEWER"] as const) {
    attackers.push({ label: `${role} of A`, role, caller: (await callerFor(world.members[role], { organizationId: aId })).caller });
  }
  attackers.push({
    label: "ADMIN of A who also owns B, working in A",
    role: "ADMIN",
    caller: (await callerFor(world.both.user, { organizationId: aId })).caller,
  });
});

/** NOT_FOUND when the role may call the procedure at all, FORBIDDEN when the role alone refuses it. */
function refusalFor(role: Role, minimum: Role) {
  return roleAtLeast(role, minimum) ? "NOT_FOUND" : "FORBIDDEN";
}

describe("replaying organization B's ids from organization A", () => {
  test("every procedure taking a B id is refused and B is unchanged", async () => {
    const before = await snapshotB(world);
    const w = world;
    for (const { label, role, caller } of attackers) {
      const calls: Array<[string, Role, () => Promise<unknown>]> = [
        ["contact.get", "VIEWER", () => caller.contact.get({ id: w.bContact.id })],
        ["contact.timeline", "VIEWER", () => caller.contact.timeline({ id: w.bContact.id })],
        ["contact.duplicates", "VIEWER", () => caller.contact.duplicates({ id: w.bContact.id })],
        ["contact.update", "AGENT", () => caller.contact.update({ id: w.bContact.id, version: 1, name: "Hijacked", stage: "CHURNED" })],
        ["contact.addNote", "AGENT", () => caller.contact.addNote({ id: w.bContact.id, body: "hijack" })],
        ["contact.addTag", "AGENT", () => caller.contact.addTag({ id: w.bContact.id, name: "hijack" })],
        ["contact.removeTag", "AGENT", () => caller.contact.removeTag({ id: w.bContact.id, tagId: w.bTag.id })],
        ["contact.removeTag (B tag on A contact)", "AGENT", () => caller.contact.removeTag({ id: w.aContact.id, tagId: w.bTag.id })],
        [
          "contact.setConsent",
          "AGENT",
          () => caller.contact.setConsent({ id: w.bContact.id, channel: "WHATSAPP", status: "OPTED_OUT", reason: "hijack" }),
        ],
        ["contact.merge (B duplicate)", "AGENT", () => caller.contact.merge({ survivorId: w.aContact.id, duplicateId: w.bContact.id })],
        ["contact.merge (B survivor)", "AGENT", () => caller.contact.merge({ survivorId: w.bContact.id, duplicateId: w.aContact.id })],
        ["contact.merge (both B)", "AGENT", () => caller.contact.merge({ survivorId: w.bContact.id, duplicateId: w.bOther.id })],
        ["followUp.create", "AGENT", () => caller.followUp.create({ contactId: w.bContact.id, kind: "CALL", dueAt: "2030-01-01T10:00" })],
        ["followUp.complete", "AGENT", () => caller.followUp.complete({ id: w.bFollowUp.id })],
        ["followUp.cancel", "AGENT", () => caller.followUp.cancel({ id: w.bFollowUp.id })],
        ["tag.update", "ADMIN", () => caller.tag.update({ id: w.bTag.id, name: "hijacked", color: "red" })],
        ["tag.delete", "ADMIN", () => caller.tag.delete({ id: w.bTag.id })],
        ["customField.update (label)", "ADMIN", () => caller.customField.update({ id: w.bField.id, label: "Hijacked" })],
        [
          "customField.update (options)",
          "ADMIN",
          () =>
            caller.customField.update({
              id: w.bChoice.id,
              label: "Hijacked",
              options: [
                { from: "b-secret-gold", name: "hijacked" },
                { from: null, name: "other" },
              ],
              clearRemoved: true,
            }),
        ],
        ["customField.move", "ADMIN", () => caller.customField.move({ id: w.bField.id, direction: "up" })],
        ["customField.delete", "ADMIN", () => caller.customField.delete({ id: w.bField.id })],
      ];
      for (const [name, minimum, call] of calls) {
        const error = await expectTRPCError(call(), refusalFor(role, minimum)).catch((failure: unknown) => {
          throw new Error(`${label} → ${name}: ${String(failure)}`);
        });
        expectNoneOf(error.message, w.secrets);
      }
    }
    expect(await snapshotB(world)).toEqual(before);
  });

  test("B's ids used as references (owner, company, assignee, custom field) are field errors; nothing is written", async () => {
    const before = await snapshotB(world);
    const aId = world.a.organization.id;
    const aCount = await prisma.contact.count({ where: { organizationId: aId } });
    const manager = attackers.find((attacker) => attacker.role === "MANAGER")!.caller;
    const w = world;
    const refused = async (call: Promise<unknown>) => expectNoneOf((await expectTRPCError(call, "BAD_REQUEST")).message, w.secrets);
    await refused(manager.contact.create({ name: "X", phone: "98123 99999", ownerId: w.bAgent.user.id }));
    await refused(manager.contact.create({ name: "X", phone: "98123 99999", companyId: w.bCompany.id }));
    await refused(manager.contact.create({ name: "X", phone: "98123 99999", customFields: { b_secret_field: "x" } }));
    await refused(manager.contact.update({ id: w.aContact.id, version: 1, ownerId: w.bAgent.user.id }));
    await refused(manager.contact.update({ id: w.aContact.id, version: 1, companyId: w.bCompany.id }));
    await refused(manager.followUp.create({ contactId: w.aContact.id, kind: "CALL", dueAt: "2030-01-01T10:00", assigneeId: w.bAgent.user.id }));
    expect(await prisma.contact.count({ where: { organizationId: aId } })).toBe(aCount);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.aContact.id } })).toMatchObject({ version: 1, ownerId: null, companyId: null });
    expect(await prisma.followUp.count({ where: { organizationId: aId } })).toBe(0);
    expect(await snapshotB(world)).toEqual(before);
  });

  test("B's phone and email are not duplicates in A, and A's duplicate list never shows B's contacts", async () => {
    const manager = attackers.find((attacker) => attacker.role === "MANAGER")!.caller;
    const created = await manager.contact.create({ name: "Same Number In A", phone: "+91 98123 00001", email: "b-secret@example.com" });
    const duplicates = await manager.contact.duplicates({ id: created.id });
    expect(duplicates).toEqual([]);
    const profile = await manager.contact.get({ id: created.id });
    expectNoneOf({ ...profile, contact: { ...profile.contact, phone: null, email: null } }, world.secrets);
    await prisma.contact.delete({ where: { id: created.id } });
  });

  test("lists and options show only A's data", async () => {
    for (const { label, caller } of attackers) {
      const options = await caller.contact.formOptions();
      expectNoneOf(options, world.secrets);
      expect(options.tags.map((t) => t.name), label).toEqual(["a-tag"]);
      expectNoneOf(await caller.tag.list(), world.secrets);
      expectNoneOf(await caller.customField.list(), world.secrets);
      for (const view of ["today", "overdue", "upcoming"] as const) {
        expectNoneOf(await caller.followUp.list({ view, assignee: "me" }), world.secrets);
      }
      expectNoneOf(await caller.contact.get({ id: world.aContact.id }), world.secrets);
      expectNoneOf(await caller.contact.timeline({ id: world.aContact.id }), world.secrets);
      expectNoneOf(await caller.contact.duplicates({ id: world.aContact.id }), world.secrets);
    }
    const owner = attackers[0]!.caller;
    expectNoneOf(await owner.followUp.list({ view: "today", assignee: "all" }), world.secrets);
  });

  test("B's own members still see B's data (the fixture is real)", async () => {
    const { caller } = await callerFor(world.b.owner, { organizationId: world.b.organization.id });
    const profile = await caller.contact.get({ id: world.bContact.id });
    expect(profile.contact.name).toBe("B Secret Contact");
    expect(profile.tags.map((t) => t.name)).toEqual(["b-secret-tag"]);
    expect((await caller.contact.timeline({ id: world.bContact.id })).items).toHaveLength(1);
    expect((await caller.contact.duplicates({ id: world.bContact.id })).map((d) => d.id)).toEqual([world.bOther.id]);
    expect((await caller.followUp.list({ view: "overdue", assignee: "all" })).items.map((f) => f.id)).toEqual([world.bFollowUp.id]);
    expect((await caller.tag.list()).map((t) => t.id)).toEqual([world.bTag.id]);
    expect((await caller.customField.list()).map((f) => f.id)).toEqual([world.bField.id, world.bChoice.id]);
  });
});
