// Loading what a deal points at, always inside the caller's organization: an id
// from another organization is simply not found.
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { findCompany } from "~/models/company.server";
import { findContactRef, findDeal } from "~/models/deal.server";
import { findStage } from "~/models/deal-stage.server";
import { findMembershipForUser } from "~/models/membership.server";
import type { DealFieldsInput } from "~/trpc/routers/deal/deal-fields.schema";
import { now } from "~/utils/clock";

export const DEAL_NOT_FOUND = "Deal not found.";

export async function loadDeal(ctx: OrgScopedContext, dealId: string) {
  const deal = await findDeal(ctx.db, { organizationId: ctx.org.id, dealId });
  if (!deal) throw new TRPCError({ code: "NOT_FOUND", message: DEAL_NOT_FOUND });
  return deal;
}

export async function loadStageRef(ctx: OrgScopedContext, stageId: string) {
  const stage = await findStage(ctx.db, { organizationId: ctx.org.id, stageId });
  if (!stage) throw new TRPCError({ code: "NOT_FOUND", message: "Stage not found. Reload the page and choose another." });
  return stage;
}

/** The stage, contact, company and owner of a deal form, each checked to belong to this organization. */
export async function loadDealRefs(
  ctx: OrgScopedContext,
  input: Pick<DealFieldsInput, "stageId" | "contactId" | "companyId" | "ownerId">,
) {
  const organizationId = ctx.org.id;
  const [stage, contact, company, owner] = await Promise.all([
    loadStageRef(ctx, input.stageId),
    input.contactId ? findContactRef(ctx.db, { organizationId, contactId: input.contactId }) : null,
    input.companyId ? findCompany(ctx.db, { organizationId, companyId: input.companyId }) : null,
    input.ownerId ? findMembershipForUser(ctx.db, { organizationId, userId: input.ownerId }) : null,
  ]);
  if (input.contactId && !contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  if (input.companyId && !company) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  if (input.ownerId && !owner) {
    throw new TRPCError({ code: "NOT_FOUND", message: "The owner must be a member of this organization." });
  }
  return { stage, contact, company, ownerId: owner ? owner.userId : null };
}

/** When a deal closes: now, on entering a WON or LOST stage; kept while it stays closed; cleared when reopened. */
export function closedAtFor(
  stage: { id: string; kind: string },
  current: { stageId: string; closedAt: Date | null } | null,
): Date | null {
  if (stage.kind === "OPEN") return null;
  if (current && current.stageId === stage.id && current.closedAt) return current.closedAt;
  return now();
}

/** ISO date "2026-12-31" ↔ the DATE column (midnight UTC). */
export function toDateColumn(date: string | undefined): Date | null {
  return date ? new Date(`${date}T00:00:00.000Z`) : null;
}
