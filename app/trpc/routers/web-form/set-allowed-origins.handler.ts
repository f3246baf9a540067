import { TRPCError } from "@trpc/server";
import { setWebFormAllowedOrigins } from "~/models/web-form.server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SetAllowedOriginsInput } from "~/trpc/routers/web-form/set-allowed-origins.schema";
import { assertCanManage } from "~/trpc/routers/web-form/web-form.handler";

/** Which websites may post to the form from the browser (none listed: any website). Applies to the next post. */
export async function setAllowedOriginsHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetAllowedOriginsInput }) {
  assertCanManage(ctx);
  const { id, allowedOrigins } = input;
  if (!(await setWebFormAllowedOrigins(ctx.db, { organizationId: ctx.org.id, id, allowedOrigins }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Form not found." });
  }
  return { id, allowedOrigins };
}
