// The organization's "Auto-assign new conversations" switch (round-robin among available members).
import { setAutoAssignConversationsSchema, type SetAutoAssignConversationsInput } from "~/domain/organization/auto-assign.schema";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { setOrganizationAutoAssign } from "~/models/organization.server";

export async function setAutoAssignConversations(tx: CommandTx, { organizationId }: CommandContext, rawInput: SetAutoAssignConversationsInput) {
  const input = setAutoAssignConversationsSchema.parse(rawInput);
  return setOrganizationAutoAssign(tx, { organizationId, enabled: input.enabled });
}
