// A member says whether they take new conversations (the round-robin skips those who are away).
// Members switch their own; managers and above anyone's.
import { TRPCError } from "@trpc/server";
import { setMemberAvailabilitySchema, type SetMemberAvailabilityInput } from "~/domain/member/set-availability.schema";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { findMember, findMembershipForUser, setMemberAvailable } from "~/models/membership.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { roleAtLeast } from "~/utils/permissions";

export async function setMemberAvailability(tx: CommandTx, { organizationId, actor }: CommandContext, rawInput: SetMemberAvailabilityInput) {
  const input = setMemberAvailabilitySchema.parse(rawInput);
  const me = actor.userId ? await findMembershipForUser(tx, { organizationId, userId: actor.userId }) : null;
  if (!me) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this organization." });
  const member = await findMember(tx, { organizationId, membershipId: input.membershipId });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
  if (member.userId !== me.userId && !roleAtLeast(me.role, "MANAGER")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers can change someone else's availability." });
  }
  await setMemberAvailable(tx, { organizationId, membershipId: member.id, available: input.available });
  await publishLiveEvent(tx, organizationId, { type: "member.updated", membershipId: member.id, userId: member.userId });
  return { membershipId: member.id, name: member.user.name, available: input.available, self: member.userId === me.userId };
}
