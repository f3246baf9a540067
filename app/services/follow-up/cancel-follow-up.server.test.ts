import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { cancelFollowUp } from "~/services/follow-up/cancel-follow-up.server";
import { addMember, createContact, createOrganization } from "../../../prisma/factories";
import { createFollowUp } from "../../../prisma/factories-contact";

async function world() {
  const { organization, owner } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const contact = await createContact(prisma, { organizationId: organization.id });
  const followUp = await createFollowUp(prisma, {
    organizationId: organization.id,
    contactId: contact.id,
    assigneeId: agent.user.id,
    dueAt: new Date("2030-01-15T11:15:00Z"),
  });
  return { organizationId: organization.id, owner, agent: agent.user, contact, followUp };
}

describe("cancelFollowUp, called as a job would", () => {
  test("cancels it once, on behalf of a member, with the timeline naming both, and a live event on commit", async () => {
    const w = await world();
    const live = await watchLiveEvents(w.organizationId);
    const scope = { organizationId: w.organizationId, actor: systemActor("Contact unsubscribed", w.owner.id) };

    expect(await prisma.$transaction((tx) => cancelFollowUp(tx, scope, { id: w.followUp.id }))).toEqual({ id: w.followUp.id, alreadyCancelled: false });
    expect(await prisma.$transaction((tx) => cancelFollowUp(tx, scope, { id: w.followUp.id }))).toEqual({ id: w.followUp.id, alreadyCancelled: true });

    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: w.followUp.id } })).toMatchObject({ status: "CANCELLED", completedById: w.owner.id });
    const events = await prisma.contactEvent.findMany({ where: { contactId: w.contact.id } });
    expect(events.map((e) => [e.type, e.actorId, e.actorLabel])).toEqual([["FOLLOW_UP_CANCELLED", w.owner.id, "Contact unsubscribed"]]);
    expect(await live.settled()).toEqual([
      { type: "followUp.changed", followUpId: w.followUp.id, contactId: w.contact.id },
      { type: "contact.changed", contactIds: [w.contact.id] },
    ]);
    await live.unsubscribe();
  });

  test("a follow-up already done stays done; another organization's is not found", async () => {
    const w = await world();
    const other = await world();
    const done = await createFollowUp(prisma, {
      organizationId: w.organizationId,
      contactId: w.contact.id,
      assigneeId: w.agent.id,
      dueAt: new Date("2030-01-15T11:15:00Z"),
      status: "DONE",
    });
    const scope = { organizationId: w.organizationId, actor: systemActor("Contact unsubscribed") };
    await expectTRPCError(prisma.$transaction((tx) => cancelFollowUp(tx, scope, { id: done.id })), "BAD_REQUEST", /already done/);
    await expectTRPCError(prisma.$transaction((tx) => cancelFollowUp(tx, scope, { id: other.followUp.id })), "NOT_FOUND", "Follow-up not found.");
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ status: "DONE" });
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: other.followUp.id } })).toMatchObject({ status: "PENDING" });
    expect(await prisma.contactEvent.count({ where: { contactId: { in: [w.contact.id, other.contact.id] } } })).toBe(0);
  });
});
