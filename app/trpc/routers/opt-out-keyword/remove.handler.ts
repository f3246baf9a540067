import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RemoveConsentKeywordInput } from "~/trpc/routers/opt-out-keyword/remove.schema";
import { assertCanManageConsentKeywords } from "~/trpc/routers/opt-out-keyword/opt-out-keyword-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { removeConsentKeyword } from "~/services/opt-out-keyword/remove-consent-keyword.server";

export async function removeConsentKeywordHandler({ ctx, input }: { ctx: OrgScopedContext; input: RemoveConsentKeywordInput }) {
  assertCanManageConsentKeywords(ctx);
  return ctx.db.$transaction((tx) => removeConsentKeyword(tx, commandScope(ctx), input));
}
