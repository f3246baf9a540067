import type { OrgScopedContext } from "~/trpc/trpc.server";
import { ensureDefaultPipeline, listStages } from "~/models/deal-stage.server";
import { stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";

export async function listStagesHandler({ ctx }: { ctx: OrgScopedContext }) {
  await ensureDefaultPipeline(ctx.db, { organizationId: ctx.org.id });
  const stages = await listStages(ctx.db, { organizationId: ctx.org.id });
  return stages.map(stageOutput);
}
