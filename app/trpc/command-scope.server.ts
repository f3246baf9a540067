// What a procedure hands a command: the session's organization, and the member acting.
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { userActor, type CommandContext } from "~/services/command.server";

export function commandScope(ctx: OrgScopedContext): CommandContext {
  return { organizationId: ctx.org.id, actor: userActor(ctx.user.id) };
}
