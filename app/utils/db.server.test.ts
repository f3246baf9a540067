// The process-wide Prisma client over node-postgres.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createDeal } from "../../prisma/factories-deals";

const warnings: Error[] = [];
const collect = (warning: Error) => warnings.push(warning);
process.on("warning", collect);
afterEach(() => {
  warnings.length = 0;
});

describe("queries inside a transaction", () => {
  test("reading several relations in a transaction sends its queries one at a time (no pg deprecation warning)", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const contact = await createContact(prisma, { organizationId: organization.id });
    const deal = await createDeal(prisma, { organizationId: organization.id, contactId: contact.id, ownerId: owner.id });

    const read = await prisma.$transaction((tx) =>
      tx.deal.findFirstOrThrow({
        where: { id: deal.id, organizationId: organization.id },
        select: {
          id: true,
          contact: { select: { name: true } },
          owner: { select: { name: true } },
          stage: { select: { name: true } },
          updatedBy: { select: { name: true } },
        },
      }),
    );

    expect(read).toMatchObject({ id: deal.id, contact: { name: contact.name }, owner: { name: owner.name } });
    // util.deprecate warnings are emitted asynchronously (process.nextTick).
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });
});
