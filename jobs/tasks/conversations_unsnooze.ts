import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { systemActor } from "~/services/command.server";
import { endConversationSnooze, SNOOZE_ACTOR_LABEL } from "~/services/conversation/end-conversation-snooze.server";
import { prisma } from "~/utils/db.server";

/**
 * A snooze's time is up (job key conversations_unsnooze:<conversationId>, due at the snooze's end):
 * opens the conversation and tells its assignee, unless it has been reopened or snoozed again since
 * (the command re-reads it and does nothing then).
 */
const conversationsUnsnooze: Task = async (payload) => {
  const { organizationId, conversationId, snoozedUntil } = taskPayloadSchemas.conversations_unsnooze.parse(payload);
  await prisma.$transaction((tx) =>
    endConversationSnooze(tx, { organizationId, actor: systemActor(SNOOZE_ACTOR_LABEL) }, { conversationId, snoozedUntil: new Date(snoozedUntil) }),
  );
};

export default conversationsUnsnooze;
