import type { OrgScopedContext } from "~/trpc/trpc.server";
import { organizationConsentSettings } from "~/models/consent-keywords.server";
import { assertCanManageConsentKeywords } from "~/trpc/routers/opt-out-keyword/opt-out-keyword-guards.server";

/** The organization's opt-out and opt-in words and confirmations (the defaults until changed). */
export async function getConsentKeywordsHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanManageConsentKeywords(ctx);
  const settings = await organizationConsentSettings(ctx.db, ctx.org.id);
  return { ...settings, optOut: [...settings.optOut], optIn: [...settings.optIn] };
}
