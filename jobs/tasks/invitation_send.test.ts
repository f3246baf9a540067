import type { JobHelpers } from "graphile-worker";
import { ZodError } from "zod";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createInvitation } from "~/models/invitation.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { addMember, createOrganization } from "../../prisma/factories";
import invitationSend from "./invitation_send";

const BASE_URL = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");

const logged: string[] = [];
const logger = {
  debug: (m: string) => logged.push(m),
  info: (m: string) => logged.push(m),
  warn: (m: string) => logged.push(m),
  error: (m: string) => logged.push(m),
  scope: () => logger,
};
const helpers = { logger, job: { id: "1", attempts: 1 } } as unknown as JobHelpers;

async function pendingInvitation(email = `invitee-${Math.random().toString(36).slice(2, 8)}@example.com`) {
  const { organization, owner } = await createOrganization(prisma, { name: "Acme Indicators", owner: { name: "Priya" } });
  const token = randomToken();
  const invitation = await createInvitation(prisma, {
    organizationId: organization.id,
    email,
    role: "AGENT",
    tokenHash: sha256Hex(token),
    invitedById: owner.id,
  });
  return { organization, owner, invitation, token, email };
}

describe("invitation_send task", () => {
  test("emails the link once, into the organization's outbox", async () => {
    const { organization, invitation, token, email } = await pendingInvitation();
    const { organization: other } = await createOrganization(prisma);

    await invitationSend({ invitationId: invitation.id, token }, helpers);

    const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "EMAIL", toAddress: email, provider: "sandbox" });
    expect(rows[0]!.subject).toBe("Priya invited you to Acme Indicators on Leadlane");
    expect(rows[0]!.body).toContain(`${BASE_URL}/invite/${token}`);
    expect(rows[0]!.body).toContain("as Agent");
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: other.id } })).toBe(0);
  });

  test("running twice (a retry) sends once", async () => {
    const { organization, invitation, token } = await pendingInvitation();
    await invitationSend({ invitationId: invitation.id, token }, helpers);
    await invitationSend({ invitationId: invitation.id, token }, helpers);
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  test.each([
    ["revoked", { revokedAt: new Date() }],
    ["accepted", { acceptedAt: new Date() }],
    ["expired", { expiresAt: new Date(Date.now() - 1000) }],
  ] as const)("an invitation %s meanwhile is not sent", async (_state, data) => {
    const { organization, invitation, token } = await pendingInvitation();
    await prisma.invitation.update({ where: { id: invitation.id }, data });
    await invitationSend({ invitationId: invitation.id, token }, helpers);
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  test("an invitation deleted meanwhile is not sent and does not fail the job", async () => {
    const { organization, invitation, token } = await pendingInvitation();
    await prisma.invitation.delete({ where: { id: invitation.id } });
    await expect(invitationSend({ invitationId: invitation.id, token }, helpers)).resolves.toBeUndefined();
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  test.each([
    ["nothing", undefined],
    ["an empty object", {}],
    ["a non-uuid id", { invitationId: "42", token: randomToken() }],
    ["a short token", { invitationId: "00000000-0000-4000-8000-000000000000", token: "abc" }],
    ["a missing token", { invitationId: "00000000-0000-4000-8000-000000000000" }],
  ])("a malformed payload (%s) throws a ZodError and sends nothing", async (_label, payload) => {
    const before = await prisma.sandboxOutbox.count();
    await expect(invitationSend(payload as never, helpers)).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.sandboxOutbox.count()).toBe(before);
  });

  test("a re-invite leaves the first job harmless: only the second link is sent", async () => {
    const first = await pendingInvitation("same@example.com");
    await prisma.invitation.update({ where: { id: first.invitation.id }, data: { revokedAt: new Date() } });
    const admin = await addMember(prisma, { organizationId: first.organization.id, role: "ADMIN" });
    const secondToken = randomToken();
    const second = await createInvitation(prisma, {
      organizationId: first.organization.id,
      email: "same@example.com",
      role: "MANAGER",
      tokenHash: sha256Hex(secondToken),
      invitedById: admin.user.id,
    });

    await invitationSend({ invitationId: first.invitation.id, token: first.token }, helpers);
    await invitationSend({ invitationId: second.id, token: secondToken }, helpers);

    const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: first.organization.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toContain(secondToken);
    expect(rows[0]!.body).not.toContain(first.token);
  });
});
