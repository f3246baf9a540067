import { TRPCError } from "@trpc/server";
import { findOrganizationMember } from "~/models/contact.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { changeContactField } from "~/services/contact/change-contact-field.server";

/**
 * Gives a contact to a member of the organization, or to nobody (`ownerId: null`).
 * Who may assign to whom is the caller's check; that the owner is a member is this one's.
 * Bulk's twin is bulkBatchSql's assignOwner.
 */
export async function assignOwner(
  tx: CommandTx,
  context: CommandContext,
  input: { contactId: string; ownerId: string | null; expectedVersion?: number },
) {
  const member = input.ownerId
    ? await findOrganizationMember(tx, { organizationId: context.organizationId, userId: input.ownerId })
    : null;
  if (input.ownerId && !member) {
    throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a member of this organization." });
  }
  const owner = member ? { id: member.user.id, name: member.user.name } : null;
  return changeContactField(tx, context, "owner", { contactId: input.contactId, after: owner, expectedVersion: input.expectedVersion });
}
