// Today, overdue and upcoming follow-ups, and due times typed in a form, in the
// organization's own time zone, with the clock fixed on either side of midnight.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { setClock } from "~/utils/clock";
import { createContact } from "../../../../prisma/factories";
import { createFollowUp } from "../../../../prisma/factories-contact";

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

async function world(timeZone: string) {
  const w = await contactWorld();
  await prisma.organization.update({ where: { id: w.organizationId }, data: { timezone: timeZone } });
  const contact = await createContact(prisma, { organizationId: w.organizationId, ownerId: w.agent.id, name: "Due Person" });
  const make = (note: string, dueAt: string) =>
    createFollowUp(prisma, { organizationId: w.organizationId, contactId: contact.id, assigneeId: w.agent.id, dueAt: new Date(dueAt), note });
  const lists = async () => {
    const agent = await w.as(w.agent);
    const notes = async (view: "today" | "overdue" | "upcoming") => (await agent.followUp.list({ view })).items.map((item) => item.note);
    return { today: await notes("today"), overdue: await notes("overdue"), upcoming: await notes("upcoming") };
  };
  return { ...w, contact, make, lists };
}

describe("follow-up days in India", () => {
  test("at 23:59 IST a follow-up due at 23:58 is overdue today; at 00:01 IST the next day's are today's", async () => {
    const w = await world("Asia/Kolkata");
    await w.make("22nd 23:58", "2026-11-22T18:28:00Z");
    await w.make("23rd 00:00", "2026-11-22T18:30:00Z");
    await w.make("23rd 09:00", "2026-11-23T03:30:00Z");

    restoreClock = setClock(new Date("2026-11-22T18:29:00Z")); // 23:59 IST on the 22nd
    expect(await w.lists()).toEqual({ today: ["22nd 23:58"], overdue: ["22nd 23:58"], upcoming: ["23rd 00:00", "23rd 09:00"] });

    restoreClock();
    restoreClock = setClock(new Date("2026-11-22T18:31:00Z")); // 00:01 IST on the 23rd
    expect(await w.lists()).toEqual({
      today: ["23rd 00:00", "23rd 09:00"],
      overdue: ["22nd 23:58", "23rd 00:00"],
      upcoming: [],
    });
  });
});

describe("follow-up days in other zones", () => {
  test("New York: today runs from New York's midnight, across the spring change to daylight time", async () => {
    const w = await world("America/New_York");
    // 8 March 2026 is 23 hours long in New York: 05:00 UTC to 04:00 UTC the next day.
    await w.make("7th 23:30 EST", "2026-03-08T04:30:00Z");
    await w.make("8th 00:30 EST", "2026-03-08T05:30:00Z");
    await w.make("8th 23:30 EDT", "2026-03-09T03:30:00Z");
    await w.make("9th 00:30 EDT", "2026-03-09T04:30:00Z");

    // 23:59 EDT on the 8th: 10:29 on the 9th in India, yet still the 8th for this organization.
    restoreClock = setClock(new Date("2026-03-09T03:59:00Z"));
    const late = await w.lists();
    expect(late.today).toEqual(["8th 00:30 EST", "8th 23:30 EDT"]);
    expect(late.upcoming).toEqual(["9th 00:30 EDT"]);

    restoreClock();
    restoreClock = setClock(new Date("2026-03-09T04:01:00Z")); // 00:01 EDT on the 9th
    expect((await w.lists()).today).toEqual(["9th 00:30 EDT"]);
  });

  test("Dubai: the day turns at 20:00 UTC", async () => {
    const w = await world("Asia/Dubai");
    await w.make("22nd 23:00 GST", "2026-11-22T19:00:00Z");
    await w.make("23rd 01:00 GST", "2026-11-22T21:00:00Z");
    restoreClock = setClock(new Date("2026-11-22T19:59:00Z")); // 23:59 in Dubai
    expect((await w.lists()).today).toEqual(["22nd 23:00 GST"]);
    restoreClock();
    restoreClock = setClock(new Date("2026-11-22T20:01:00Z")); // 00:01 in Dubai
    expect((await w.lists()).today).toEqual(["23rd 01:00 GST"]);
  });

  test("a due time typed in a form is read in the organization's zone, and 'already passed' is judged by the clock", async () => {
    const w = await world("America/New_York");
    const agent = await w.as(w.agent);
    restoreClock = setClock(new Date("2026-03-07T12:00:00Z"));
    const winter = await agent.followUp.create({ contactId: w.contact.id, kind: "CALL", dueAt: "2026-03-07T10:00" });
    const summer = await agent.followUp.create({ contactId: w.contact.id, kind: "CALL", dueAt: "2026-03-09T10:00" });
    expect(winter.dueAt.toISOString()).toBe("2026-03-07T15:00:00.000Z"); // EST, -05:00
    expect(summer.dueAt.toISOString()).toBe("2026-03-09T14:00:00.000Z"); // EDT, -04:00

    const before = await prisma.followUp.count({ where: { contactId: w.contact.id } });
    // 06:00 New York time has passed at 12:00 UTC (07:00 EST), though it is hours ahead in India.
    await expect(agent.followUp.create({ contactId: w.contact.id, kind: "CALL", dueAt: "2026-03-07T06:00" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await prisma.followUp.count({ where: { contactId: w.contact.id } })).toBe(before);
  });
});
