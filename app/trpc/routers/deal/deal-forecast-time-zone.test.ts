// "Won this month" starts at the first midnight of the month in the organization's zone,
// read from the clock.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { setClock } from "~/utils/clock";
import { createOrganization } from "../../../../prisma/factories";
import { createDeal } from "../../../../prisma/factories-deals";

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

async function wonThisMonth(timeZone: string, closedAt: string[], at: string) {
  const { organization, owner } = await createOrganization(prisma);
  await prisma.organization.update({ where: { id: organization.id }, data: { timezone: timeZone } });
  for (const [i, when] of closedAt.entries()) {
    await createDeal(prisma, { organizationId: organization.id, stage: "Won", valuePaise: (i + 1) * 100_00, closedAt: new Date(when) });
  }
  const { caller } = await callerFor(owner, { organizationId: organization.id });
  restoreClock = setClock(new Date(at));
  const { forecast } = await caller.deal.board({});
  return { count: forecast.wonThisMonthCount, paise: String(forecast.wonThisMonthPaise) };
}

describe("won this month", () => {
  test("India: a deal won at 00:01 IST on 1 December is December's, one at 23:59 IST on 30 November is not", async () => {
    const result = await wonThisMonth(
      "Asia/Kolkata",
      ["2026-11-30T18:29:00Z", "2026-11-30T18:31:00Z"], // 23:59 IST 30 Nov; 00:01 IST 1 Dec
      "2026-12-01T06:30:00Z", // noon IST, 1 December
    );
    expect(result).toEqual({ count: 1, paise: "20000" });
  });

  test("New York: the same instants are both November's until New York's own 1 December", async () => {
    const deals = ["2026-11-30T18:29:00Z", "2026-11-30T18:31:00Z"];
    // 1 Dec 01:00 IST is still 30 Nov in New York: both deals are this month's (November).
    expect(await wonThisMonth("America/New_York", deals, "2026-11-30T19:30:00Z")).toEqual({ count: 2, paise: "30000" });
    restoreClock?.();
    // 00:01 EST on 1 December: a new month, neither counts.
    expect(await wonThisMonth("America/New_York", deals, "2026-12-01T05:01:00Z")).toEqual({ count: 0, paise: "0" });
  });
});
