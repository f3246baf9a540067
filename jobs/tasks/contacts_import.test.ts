import type { JobHelpers } from "graphile-worker";
import { ZodError } from "zod";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../prisma/factories";
import { createRunningImport, csvText } from "../../prisma/factories-imports";
import contactsImport from "./contacts_import";

const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, scope: () => logger };
const helpers = { logger, job: { id: "1", attempts: 1 } } as unknown as JobHelpers;

describe("contacts_import task", () => {
  test("runs the import named in its payload, and a retry after completion does nothing", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const created = await createRunningImport(prisma, {
      organizationId: organization.id,
      createdById: owner.id,
      content: csvText([["name", "phone"], ["Asha", "9876543210"], ["Ravi", "9876543211"]]),
    });
    await contactsImport({ importId: created.id }, helpers);
    await contactsImport({ importId: created.id }, helpers);
    expect(await prisma.contactImport.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      status: "COMPLETED",
      createdCount: 2,
      processedRows: 2,
    });
    expect(await prisma.contact.count({ where: { organizationId: organization.id } })).toBe(2);
  });

  test("a malformed payload is refused before anything runs, and an unknown import is a no-op", async () => {
    await expect(contactsImport({ importId: "nope" }, helpers)).rejects.toBeInstanceOf(ZodError);
    await expect(contactsImport({ importId: "00000000-0000-4000-8000-000000000000" }, helpers)).resolves.toBeUndefined();
  });
});
