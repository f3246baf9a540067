import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { toActionFailure } from "~/trpc/caller.server";
import { systemActor } from "~/services/command.server";
import { scheduleFollowUp } from "~/services/follow-up/schedule-follow-up.server";
import { addMember, createContact, createOrganization } from "../../../prisma/factories";

async function world() {
  const { organization, owner } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT", user: { name: "Aisha Khan" } });
  const contact = await createContact(prisma, { organizationId: organization.id });
  return { organizationId: organization.id, owner, agent: agent.user, contact };
}

describe("scheduleFollowUp, called as a job would", () => {
  test("a workflow schedules for a named member: the row, the timeline under the workflow's name, live events on commit", async () => {
    const w = await world();
    const live = await watchLiveEvents(w.organizationId);
    const actor = systemActor("Workflow: Demo booked");

    const scheduled = await prisma.$transaction((tx) =>
      scheduleFollowUp(tx, { organizationId: w.organizationId, actor }, {
        contactId: w.contact.id,
        kind: "CALL",
        dueAt: "2030-01-15T16:45", // read in the organization's zone, India by default
        assigneeId: w.agent.id,
        note: "Call after the demo",
      }),
    );

    expect(scheduled.assignee).toEqual({ id: w.agent.id, name: "Aisha Khan" });
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: scheduled.id } })).toMatchObject({
      organizationId: w.organizationId,
      contactId: w.contact.id,
      assigneeId: w.agent.id,
      createdById: null,
      status: "PENDING",
      dueAt: new Date("2030-01-15T11:15:00.000Z"),
      note: "Call after the demo",
    });
    const events = await prisma.contactEvent.findMany({ where: { contactId: w.contact.id } });
    expect(events.map((e) => [e.type, e.actorId, e.actorLabel])).toEqual([["FOLLOW_UP_SCHEDULED", null, "Workflow: Demo booked"]]);
    expect(events[0]!.data).toMatchObject({ followUpId: scheduled.id, kind: "CALL", assignee: { id: w.agent.id, name: "Aisha Khan" } });
    expect(await live.settled()).toEqual(
      expect.arrayContaining([
        { type: "followUp.changed", followUpId: scheduled.id, contactId: w.contact.id },
        { type: "contact.changed", contactIds: [w.contact.id] },
      ]),
    );
    await live.unsubscribe();
  });

  test("with nobody named and nobody behind the system, there is no one to assign: refused, nothing stored", async () => {
    const w = await world();
    const schedule = (input: Partial<Parameters<typeof scheduleFollowUp>[2]>, actor = systemActor("Workflow: Demo booked")) =>
      prisma.$transaction((tx) =>
        scheduleFollowUp(tx, { organizationId: w.organizationId, actor }, { contactId: w.contact.id, kind: "MESSAGE", dueAt: new Date("2030-01-01T10:00:00Z"), ...input }),
      );
    const fieldErrors = async (call: Promise<unknown>) => toActionFailure(await expectTRPCError(call, "BAD_REQUEST")).fieldErrors;
    expect(await fieldErrors(schedule({}))).toEqual({ assigneeId: "Choose a member of this organization" });
    expect(await fieldErrors(schedule({ dueAt: new Date("2020-01-01T10:00:00Z") }))).toEqual({
      dueAt: "That time has already passed. Choose a time from now on",
    });
    expect(await prisma.followUp.count({ where: { organizationId: w.organizationId } })).toBe(0);

    // On behalf of a member, it is theirs.
    const theirs = await schedule({}, systemActor("Import", w.agent.id));
    expect(await prisma.followUp.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ assigneeId: w.agent.id, createdById: w.agent.id });
  });

  test("another organization's contact or member is not found, and nothing is stored", async () => {
    const w = await world();
    const other = await world();
    const scope = { organizationId: w.organizationId, actor: systemActor("Workflow: Demo booked") };
    await expectTRPCError(
      prisma.$transaction((tx) => scheduleFollowUp(tx, scope, { contactId: other.contact.id, kind: "CALL", dueAt: "2030-01-15T16:45", assigneeId: w.agent.id })),
      "NOT_FOUND",
      "Contact not found.",
    );
    await expectTRPCError(
      prisma.$transaction((tx) => scheduleFollowUp(tx, scope, { contactId: w.contact.id, kind: "CALL", dueAt: "2030-01-15T16:45", assigneeId: other.agent.id })),
      "BAD_REQUEST",
    );
    expect(await prisma.followUp.count({ where: { organizationId: { in: [w.organizationId, other.organizationId] } } })).toBe(0);
    expect(await prisma.contactEvent.count({ where: { contactId: other.contact.id } })).toBe(0);
  });
});
