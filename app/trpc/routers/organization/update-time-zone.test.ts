// The organization's time zone: validated as an IANA name, changed by owners and
// admins only (the plain settings form is in app/routes/settings-organization.routes.test.ts).
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { addMember, createOrganization } from "../../../../prisma/factories";

const zoneOf = async (organizationId: string) =>
  (await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).timezone;

describe("organization.updateTimeZone", () => {
  test("a new organization is in Asia/Kolkata; an admin moves it to another zone, which every request then uses", async () => {
    const { organization } = await createOrganization(prisma);
    const admin = await addMember(prisma, { organizationId: organization.id, role: "ADMIN" });
    expect(await zoneOf(organization.id)).toBe("Asia/Kolkata");
    const { caller } = await callerFor(admin.user, { organizationId: organization.id });
    expect(await caller.organization.updateTimeZone({ timeZone: " America/New_York " })).toEqual({ timeZone: "America/New_York" });
    expect(await zoneOf(organization.id)).toBe("America/New_York");
    const next = await callerFor(admin.user, { organizationId: organization.id });
    expect(next.ctx.org?.timeZone).toBe("America/New_York");
  });

  test("abbreviations, offsets and unknown places are refused with a clear message and change nothing", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const { caller } = await callerFor(owner, { organizationId: organization.id });
    for (const timeZone of ["IST", "+05:30", "GMT+5:30", "Mars/Olympus_Mons", "asia/kolkata", ""]) {
      await expectTRPCError(caller.organization.updateTimeZone({ timeZone }), "BAD_REQUEST", /time zone/);
    }
    expect(await zoneOf(organization.id)).toBe("Asia/Kolkata");
  });

  test.each(["MANAGER", "AGENT", "VIEWER"] as const)("a %s may not change it (FORBIDDEN)", async (role) => {
    const { organization } = await createOrganization(prisma);
    const member = await addMember(prisma, { organizationId: organization.id, role });
    const { caller } = await callerFor(member.user, { organizationId: organization.id });
    await expectTRPCError(caller.organization.updateTimeZone({ timeZone: "Asia/Dubai" }), "FORBIDDEN");
    expect(await zoneOf(organization.id)).toBe("Asia/Kolkata");
  });

  test("it changes only the caller's own organization", async () => {
    const a = await createOrganization(prisma);
    const b = await createOrganization(prisma);
    const { caller } = await callerFor(a.owner, { organizationId: a.organization.id });
    await caller.organization.updateTimeZone({ timeZone: "Asia/Dubai" });
    expect(await zoneOf(a.organization.id)).toBe("Asia/Dubai");
    expect(await zoneOf(b.organization.id)).toBe("Asia/Kolkata");
  });
});
