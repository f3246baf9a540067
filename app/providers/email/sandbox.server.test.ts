import { expect, test } from "vitest";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import { createSandboxEmailProvider } from "./sandbox.server";

const email = createSandboxEmailProvider({ db: prisma, from: "Leadlane <no-reply@leadlane.local>" });

test("records the email in the outbox of its organization and announces it", async () => {
  const { organization } = await createOrganization(prisma);
  const { organization: other } = await createOrganization(prisma);
  const events: LiveEvent[] = [];
  const unsubscribe = await liveEventHub().subscribe(organization.id, (event) => events.push(event));

  const result = await email.send({
    organizationId: organization.id,
    to: "priya@example.com",
    subject: "Your receipt",
    text: "Thank you for your payment.",
    html: "<p>Thank you for your payment.</p>",
  });

  expect(result.provider).toBe("sandbox");
  expect(result.externalId).toMatch(/^sbx_em_[0-9A-Za-z]{20}$/);
  const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
  expect(rows).toEqual([
    expect.objectContaining({
      channel: "EMAIL",
      provider: "sandbox",
      toAddress: "priya@example.com",
      fromAddress: "Leadlane <no-reply@leadlane.local>",
      subject: "Your receipt",
      body: "Thank you for your payment.",
      payload: { html: "<p>Thank you for your payment.</p>" },
      externalId: result.externalId,
    }),
  ]);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: other.id } })).toBe(0);
  await expect.poll(() => events).toEqual([{ type: "outbox.created", outboxId: rows[0]!.id }]);
  await unsubscribe();
});

test("email outside any organization (such as an invitation) is recorded without one", async () => {
  const result = await email.send({ organizationId: null, to: "new@example.com", subject: "Join us", text: "Link" });
  const row = await prisma.sandboxOutbox.findUniqueOrThrow({ where: { externalId: result.externalId } });
  expect(row).toMatchObject({ organizationId: null, channel: "EMAIL", toAddress: "new@example.com", payload: {} });
});

test("the same idempotency key sends once per organization", async () => {
  const { organization } = await createOrganization(prisma);
  const { organization: other } = await createOrganization(prisma);
  const message = { to: "priya@example.com", subject: "Invite", text: "Join", idempotencyKey: "invitation_send:42" };

  const first = await email.send({ ...message, organizationId: organization.id });
  const retry = await email.send({ ...message, organizationId: organization.id, text: "Join (retry)" });
  const elsewhere = await email.send({ ...message, organizationId: other.id });

  expect(retry).toEqual(first);
  expect(elsewhere.externalId).not.toBe(first.externalId);
  const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
  expect(rows).toEqual([expect.objectContaining({ externalId: first.externalId, body: "Join" })]);
});
