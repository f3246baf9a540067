import type { JobHelpers } from "graphile-worker";
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createPayment, createPaymentAccount } from "../../prisma/factories-payments";
import paymentsCompactTotals from "./payments_compact_totals";

const helpers = { logger: { debug: () => {}, info: () => {} } } as unknown as JobHelpers;

test("folds the recorded changes into the daily totals and accepts the payload graphile-worker's cron gives it", async () => {
  const { organization } = await createOrganization(prisma);
  const contact = await createContact(prisma, { organizationId: organization.id });
  const { account } = await createPaymentAccount(prisma, { organizationId: organization.id });
  const paidAt = new Date("2026-11-20T10:00:00.000Z");
  for (const amountPaise of [499_900n, 999_900n]) await createPayment(prisma, { organizationId: organization.id, accountId: account.id, paidAt, amountPaise, contactId: contact.id });
  expect(await prisma.paymentDailyTotalChange.count({ where: { organizationId: organization.id } })).toBe(2);

  await paymentsCompactTotals({ _cron: { ts: new Date().toISOString(), backfilled: false } }, helpers);
  expect(await prisma.paymentDailyTotalChange.count()).toBe(0);
  expect(await prisma.paymentDailyTotal.findMany({ where: { organizationId: organization.id } })).toEqual([
    {
      organizationId: organization.id,
      day: new Date("2026-11-20T00:00:00.000Z"),
      status: "CAPTURED",
      flagged: false,
      matched: true,
      payments: 2,
      counted: 2,
      capturedPaise: 1_499_800n,
      refundedPaise: 0n,
    },
  ]);
  await expect(paymentsCompactTotals(null as never, helpers)).resolves.toBeUndefined();
});
