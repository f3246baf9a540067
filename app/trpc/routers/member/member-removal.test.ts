// Removing a member hands their contacts, deals and pending follow-ups to another
// member, or to nobody; nothing is left pointing at someone who has left.
// (The removal page's plain form: app/routes/member-removal.routes.test.ts.)
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { team, type Team } from "~/trpc/routers/member/member-removal-world";
import { describeEvent, type TimelineEvent } from "~/components/contact/timeline-text";
import { addMember } from "../../../../prisma/factories";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";


async function holdingsOf(t: Team) {
  const contacts = await prisma.contact.findMany({ where: { id: { in: [t.owned.id, t.alsoOwned.id, t.colleagues.id] } } });
  const deals = await prisma.deal.findMany({ where: { id: { in: [t.deal.id, t.looseDeal.id] } } });
  const followUps = await prisma.followUp.findMany({ where: { id: { in: [t.pending.id, t.pendingElsewhere.id, t.done.id] } } });
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  return { contacts: byId(contacts), deals: byId(deals), followUps: byId(followUps) };
}

async function removalEvents(organizationId: string) {
  return prisma.contactEvent.findMany({ where: { organizationId, type: "MEMBER_REMOVED" }, orderBy: { contactId: "asc" } });
}

describe("member.remove hands over what the member held", () => {
  test("to nobody: their contacts, deals and pending follow-ups are unassigned; done ones keep who did them", async () => {
    const t = await team();
    const result = await t.caller.member.remove({ membershipId: t.leaver.membership.id });
    expect(result).toEqual({ membershipId: t.leaver.membership.id, reassignedTo: null, moved: { contacts: 2, deals: 2, followUps: 2 } });

    const after = await holdingsOf(t);
    expect(after.contacts.get(t.owned.id)).toMatchObject({ ownerId: null, updatedById: t.owner.id, version: t.owned.version + 1 });
    expect(after.contacts.get(t.alsoOwned.id)?.ownerId).toBeNull();
    expect(after.contacts.get(t.colleagues.id)).toMatchObject({ ownerId: t.colleague.user.id, version: t.colleagues.version });
    expect(after.deals.get(t.deal.id)).toMatchObject({ ownerId: null, updatedById: t.owner.id, version: t.deal.version + 1 });
    expect(after.deals.get(t.looseDeal.id)?.ownerId).toBeNull();
    expect(after.followUps.get(t.pending.id)?.assigneeId).toBeNull();
    expect(after.followUps.get(t.pendingElsewhere.id)?.assigneeId).toBeNull();
    expect(after.followUps.get(t.done.id)?.assigneeId).toBe(t.leaver.user.id);
    // No work assignment anywhere in the organization names them.
    const organizationId = t.organizationId;
    const leaverId = t.leaver.user.id;
    expect(await prisma.contact.count({ where: { organizationId, ownerId: leaverId } })).toBe(0);
    expect(await prisma.deal.count({ where: { organizationId, ownerId: leaverId } })).toBe(0);
    expect(await prisma.followUp.count({ where: { organizationId, assigneeId: leaverId, status: "PENDING" } })).toBe(0);
    // Their other organization is untouched.
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: t.theirsElsewhere.id } })).ownerId).toBe(leaverId);

    // One event per affected contact, saying what moved; the deal without a contact has no timeline.
    const events = await removalEvents(organizationId);
    const byContact = new Map(events.map((event) => [event.contactId, event]));
    expect(events).toHaveLength(3);
    expect(byContact.get(t.owned.id)).toMatchObject({
      actorId: t.owner.id,
      data: { member: { id: leaverId, name: "Aisha Leaves" }, to: null, owner: true, deals: 0, followUps: 1 },
    });
    expect(byContact.get(t.alsoOwned.id)?.data).toMatchObject({ owner: true, deals: 0, followUps: 0 });
    expect(byContact.get(t.colleagues.id)?.data).toMatchObject({ owner: false, deals: 1, followUps: 1 });
    const shown = describeEvent({
      ...byContact.get(t.owned.id)!,
      createdAt: byContact.get(t.owned.id)!.createdAt.toISOString(),
      actor: { id: t.owner.id, name: "Neha Owner" },
    } as unknown as TimelineEvent);
    expect(shown.title).toBe("Neha Owner removed Aisha Leaves from the team");
    expect(shown.details).toEqual(["This contact, 1 pending follow-up left unassigned"]);
  });

  test("to a colleague the admin chose: everything goes to them, the timeline says so, and open pages hear of it", async () => {
    const t = await team();
    const heard: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(t.organizationId, (event) => heard.push(event));
    const result = await t.caller.member.remove({ membershipId: t.leaver.membership.id, reassignTo: t.colleague.membership.id });
    await expect.poll(() => heard.map((event) => event.type)).toEqual(expect.arrayContaining(["member.updated", "contact.changed"]));
    await unsubscribe();
    const changed = heard.find((event): event is Extract<LiveEvent, { type: "contact.changed" }> => event.type === "contact.changed");
    expect(changed?.contactIds.sort()).toEqual([t.owned.id, t.alsoOwned.id, t.colleagues.id].sort());
    expect(result.reassignedTo).toEqual({ id: t.colleague.membership.id, name: "Rohit Stays" });
    const after = await holdingsOf(t);
    const rohit = t.colleague.user.id;
    expect([...after.contacts.values()].map((c) => c.ownerId)).toEqual([rohit, rohit, rohit]);
    expect([...after.deals.values()].map((d) => d.ownerId)).toEqual([rohit, rohit]);
    expect(after.followUps.get(t.pending.id)?.assigneeId).toBe(rohit);
    expect(after.followUps.get(t.pendingElsewhere.id)?.assigneeId).toBe(rohit);
    const events = await removalEvents(t.organizationId);
    expect(events.every((event) => JSON.stringify((event.data as { to: unknown }).to) === JSON.stringify({ id: rohit, name: "Rohit Stays" }))).toBe(true);
    expect(await prisma.membership.findUnique({ where: { id: t.leaver.membership.id } })).toBeNull();
  });

  test("a viewer, the leaver themselves or a malformed id can't take over; nothing changes", async () => {
    const t = await team();
    await expectTRPCError(
      t.caller.member.remove({ membershipId: t.leaver.membership.id, reassignTo: t.viewer.membership.id }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      t.caller.member.remove({ membershipId: t.leaver.membership.id, reassignTo: t.leaver.membership.id }),
      "BAD_REQUEST",
    );
    await expectTRPCError(t.caller.member.remove({ membershipId: t.leaver.membership.id, reassignTo: "rohit" }), "BAD_REQUEST");
    expect(await prisma.membership.findUnique({ where: { id: t.leaver.membership.id } })).not.toBeNull();
    expect((await holdingsOf(t)).contacts.get(t.owned.id)?.ownerId).toBe(t.leaver.user.id);
    expect(await removalEvents(t.organizationId)).toHaveLength(0);
  });
});

describe("member removal tenancy", () => {
  test("another organization's member ids are NOT_FOUND, to remove, to preview and to take over", async () => {
    const t = await team();
    const outsider = await addMember(prisma, { organizationId: t.other.organization.id, role: "AGENT" });
    await expectTRPCError(t.caller.member.removal({ membershipId: outsider.membership.id }), "NOT_FOUND");
    await expectTRPCError(t.caller.member.remove({ membershipId: outsider.membership.id }), "NOT_FOUND");
    await expectTRPCError(
      t.caller.member.remove({ membershipId: t.leaver.membership.id, reassignTo: outsider.membership.id }),
      "NOT_FOUND",
    );
    expect(await prisma.membership.findUnique({ where: { id: outsider.membership.id } })).not.toBeNull();
    expect(await prisma.membership.findUnique({ where: { id: t.leaver.membership.id } })).not.toBeNull();
    expect((await holdingsOf(t)).contacts.get(t.owned.id)?.ownerId).toBe(t.leaver.user.id);
  });

  test("the preview lists what they hold and who may take it over (agents and above, not the leaver)", async () => {
    const t = await team();
    const preview = await t.caller.member.removal({ membershipId: t.leaver.membership.id });
    expect(preview.member).toMatchObject({ id: t.leaver.membership.id, name: "Aisha Leaves", role: "AGENT" });
    expect(preview.holdings).toEqual({ contacts: 2, deals: 2, followUps: 2 });
    expect(preview.successors.map((s) => s.name).sort()).toEqual(["Neha Owner", "Rohit Stays"]);
    const agent = await callerFor(t.colleague.user, { organizationId: t.organizationId });
    await expectTRPCError(agent.caller.member.removal({ membershipId: t.leaver.membership.id }), "FORBIDDEN");
  });
});
