// Loading what a deal points at, always inside the given organization: an id
// from another organization is simply not found.
import { TRPCError } from "@trpc/server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { findCompany } from "~/models/company.server";
import { findContactRef, findDeal } from "~/models/deal.server";
import { findStage } from "~/models/deal-stage.server";
import { findMembershipForUser } from "~/models/membership.server";
import { now } from "~/utils/clock";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export const DEAL_NOT_FOUND = "Deal not found.";

export function dealNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: DEAL_NOT_FOUND });
}

/** The refusal when a write points at a stage, contact or company deleted meanwhile. */
export function dealReferenceRemoved(what = "The stage, contact or company") {
  return new TRPCError({ code: "CONFLICT", message: `${what} was just removed. Reload and try again.` });
}

export async function loadDeal(db: Tx, { organizationId, dealId }: Scope & { dealId: string }) {
  const deal = await findDeal(db, { organizationId, dealId });
  if (!deal) throw dealNotFound();
  return deal;
}

export async function loadStageRef(db: Tx, { organizationId, stageId }: Scope & { stageId: string }) {
  const stage = await findStage(db, { organizationId, stageId });
  if (!stage) throw new TRPCError({ code: "NOT_FOUND", message: "Stage not found. Reload the page and choose another." });
  return stage;
}

export type DealRefsInput = {
  stageId: string;
  contactId?: string | null;
  companyId?: string | null;
  ownerId?: string | null;
};

/** The stage, contact, company and owner of a deal, each checked to belong to the organization. */
export async function loadDealRefs(db: Tx, { organizationId }: Scope, input: DealRefsInput) {
  const [stage, contact, company, owner] = await Promise.all([
    loadStageRef(db, { organizationId, stageId: input.stageId }),
    input.contactId ? findContactRef(db, { organizationId, contactId: input.contactId }) : null,
    input.companyId ? findCompany(db, { organizationId, companyId: input.companyId }) : null,
    input.ownerId ? findMembershipForUser(db, { organizationId, userId: input.ownerId }) : null,
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
export function toDateColumn(date: string | null | undefined): Date | null {
  return date ? new Date(`${date}T00:00:00.000Z`) : null;
}
