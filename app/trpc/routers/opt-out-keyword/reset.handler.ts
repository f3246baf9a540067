import type { OrgScopedContext } from "~/trpc/trpc.server";
import { assertCanManageConsentKeywords } from "~/trpc/routers/opt-out-keyword/opt-out-keyword-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { resetConsentKeywords } from "~/services/opt-out-keyword/reset-consent-keywords.server";

/** Back to the built-in words and confirmations. */
export async function resetConsentKeywordsHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanManageConsentKeywords(ctx);
  return ctx.db.$transaction((tx) => resetConsentKeywords(tx, commandScope(ctx)));
}
