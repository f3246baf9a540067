import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateConsentConfirmationsInput } from "~/trpc/routers/opt-out-keyword/update-confirmations.schema";
import { assertCanManageConsentKeywords } from "~/trpc/routers/opt-out-keyword/opt-out-keyword-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { updateConsentConfirmations } from "~/services/opt-out-keyword/update-consent-confirmations.server";

export async function updateConsentConfirmationsHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateConsentConfirmationsInput }) {
  assertCanManageConsentKeywords(ctx);
  return ctx.db.$transaction((tx) => updateConsentConfirmations(tx, commandScope(ctx), input));
}
