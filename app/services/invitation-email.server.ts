import { prisma } from "~/utils/db.server";
import { getEmailProvider } from "~/providers/email/index.server";
import { invitationLink } from "~/services/invitation-link.server";
import { ROLE_LABELS } from "~/utils/permissions";

export async function sendInvitationEmail({ invitationId, token }: { invitationId: string; token: string }) {
  const invitation = await prisma.invitation.findUnique({
    where: { id: invitationId },
    include: { organization: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
    return { sent: false as const };
  }
  const link = invitationLink(token);
  const role = ROLE_LABELS[invitation.role];
  const subject = `${invitation.invitedBy.name} invited you to ${invitation.organization.name} on Leadlane`;
  const text = [
    `${invitation.invitedBy.name} invited you to join ${invitation.organization.name} on Leadlane as ${role}.`,
    "",
    `Accept the invitation: ${link}`,
    "",
    `The link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
  ].join("\n");
  const result = await getEmailProvider().send({
    organizationId: invitation.organizationId,
    to: invitation.email,
    subject,
    text,
    idempotencyKey: `invitation_send:${invitation.id}`,
  });
  return { sent: true as const, ...result };
}
