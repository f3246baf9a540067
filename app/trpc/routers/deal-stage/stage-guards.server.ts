import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { can } from "~/utils/permissions";

export function assertCanManagePipeline(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "update:settings:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can change the pipeline." });
  }
}

export function stageOutput(stage: {
  id: string;
  name: string;
  position: number;
  kind: string;
  probability: number;
  _count?: { deals: number };
}) {
  return {
    id: stage.id,
    name: stage.name,
    position: stage.position,
    kind: stage.kind as "OPEN" | "WON" | "LOST",
    probability: stage.probability,
    dealCount: stage._count?.deals ?? 0,
  };
}
