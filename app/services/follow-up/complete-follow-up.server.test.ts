import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { completeFollowUp } from "~/services/follow-up/complete-follow-up.server";
import { addMember, createContact, createOrganization } from "../../../prisma/factories";
import { createFollowUp } from "../../../prisma/factories-contact";

async function world() {
  const { organization } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const contact = await createContact(prisma, { organizationId: organization.id });
  const followUp = await createFollowUp(prisma, {
    organizationId: organization.id,
    contactId: contact.id,
    assigneeId: agent.user.id,
    dueAt: new Date("2030-01-15T11:15:00Z"),
    note: "Send the brochure",
  });
  return { organizationId: organization.id, agent: agent.user, contact, followUp };
}

describe("completeFollowUp, called as a job would", () => {
  test("marks it done once, with the timeline naming the system, and a live event on commit", async () => {
    const w = await world();
    const live = await watchLiveEvents(w.organizationId);
    const scope = { organizationId: w.organizationId, actor: systemActor("WhatsApp reply sent") };

    expect(await prisma.$transaction((tx) => completeFollowUp(tx, scope, { id: w.followUp.id }))).toEqual({ id: w.followUp.id, alreadyDone: false });
    expect(await prisma.$transaction((tx) => completeFollowUp(tx, scope, { id: w.followUp.id }))).toEqual({ id: w.followUp.id, alreadyDone: true });

    const row = await prisma.followUp.findUniqueOrThrow({ where: { id: w.followUp.id } });
    expect(row).toMatchObject({ status: "DONE", completedById: null });
    expect(row.completedAt).not.toBeNull();
    const events = await prisma.contactEvent.findMany({ where: { contactId: w.contact.id } });
    expect(events.map((e) => [e.type, e.actorId, e.actorLabel])).toEqual([["FOLLOW_UP_DONE", null, "WhatsApp reply sent"]]);
    expect(events[0]!.data).toMatchObject({ followUpId: w.followUp.id, note: "Send the brochure" });
    expect(await live.settled()).toEqual([
      { type: "followUp.changed", followUpId: w.followUp.id, contactId: w.contact.id },
      { type: "contact.changed", contactIds: [w.contact.id] },
    ]);
    await live.unsubscribe();
  });

  test("a cancelled follow-up can't be done; another organization's is not found; neither changes", async () => {
    const w = await world();
    const other = await world();
    const cancelled = await createFollowUp(prisma, {
      organizationId: w.organizationId,
      contactId: w.contact.id,
      assigneeId: w.agent.id,
      dueAt: new Date("2030-01-15T11:15:00Z"),
      status: "CANCELLED",
    });
    const scope = { organizationId: w.organizationId, actor: systemActor("WhatsApp reply sent") };
    await expectTRPCError(prisma.$transaction((tx) => completeFollowUp(tx, scope, { id: cancelled.id })), "BAD_REQUEST", "This follow-up was cancelled.");
    await expectTRPCError(prisma.$transaction((tx) => completeFollowUp(tx, scope, { id: other.followUp.id })), "NOT_FOUND", "Follow-up not found.");
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: other.followUp.id } })).toMatchObject({ status: "PENDING" });
    expect(await prisma.contactEvent.count({ where: { contactId: { in: [w.contact.id, other.contact.id] } } })).toBe(0);
  });
});
