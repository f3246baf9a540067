// Deals as procedures return them: JSON-safe (paise as decimal strings, the
// expected close date as "YYYY-MM-DD"), so loaders can send them as they are.
type PersonRef = { id: string; name: string } | null;

type DealRow = {
  id: string;
  title: string;
  valuePaise: bigint;
  probability: number;
  expectedCloseDate: Date | null;
  version: number;
  stageId: string;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  contact: PersonRef;
  company: PersonRef;
  owner: PersonRef;
};

export function dateOnly(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function serializeDeal(deal: DealRow) {
  return {
    id: deal.id,
    title: deal.title,
    valuePaise: deal.valuePaise.toString(),
    probability: deal.probability,
    expectedCloseDate: dateOnly(deal.expectedCloseDate),
    version: deal.version,
    stageId: deal.stageId,
    closedAt: deal.closedAt?.toISOString() ?? null,
    createdAt: deal.createdAt.toISOString(),
    updatedAt: deal.updatedAt.toISOString(),
    contact: deal.contact,
    company: deal.company,
    owner: deal.owner,
  };
}
export type DealCard = ReturnType<typeof serializeDeal>;
