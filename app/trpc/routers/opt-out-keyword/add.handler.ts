import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { AddConsentKeywordInput } from "~/trpc/routers/opt-out-keyword/add.schema";
import { assertCanManageConsentKeywords } from "~/trpc/routers/opt-out-keyword/opt-out-keyword-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { addConsentKeyword } from "~/services/opt-out-keyword/add-consent-keyword.server";

export async function addConsentKeywordHandler({ ctx, input }: { ctx: OrgScopedContext; input: AddConsentKeywordInput }) {
  assertCanManageConsentKeywords(ctx);
  return ctx.db.$transaction((tx) => addConsentKeyword(tx, commandScope(ctx), input));
}
