// Demo companies (brokerages, trading academies, prop desks) and a pipeline of
// deals for the demo contacts, written through the same service the app uses,
// so each deal for a contact also appears on that contact's timeline.
import type { PrismaClient } from "../app/generated/prisma/client";
import { linkContactsToCompany } from "../app/models/company.server";
import { userActor } from "../app/services/command.server";
import { createDeal } from "../app/services/deal/create-deal.server";
import { saveDealChange } from "../app/services/deal/save-deal-change.server";
import type { WorkspaceSeedContext } from "./seed-workspace";
import { createCompany, stagesByName } from "./factories-deals";

const COMPANIES = [
  { name: "Dalal Street Trading Academy, Mumbai", industry: "Trading academy", size: "11-50", website: "https://dalalstreet-academy.example.in" },
  { name: "Koramangala Prop Desk, Bengaluru", industry: "Proprietary trading", size: "1-10", website: "https://koramangala-prop.example.in" },
  { name: "Marine Drive Securities, Mumbai", industry: "Stock brokerage", size: "201-1000", website: "https://marinedrive-securities.example.in" },
  { name: "Nifty Ninjas Learning, Pune", industry: "Trading academy", size: "11-50", website: "https://niftyninjas.example.in" },
  { name: "HITEC City Options Desk, Hyderabad", industry: "Proprietary trading", size: "11-50", website: null },
  { name: "Salt Lake Capital Brokers, Kolkata", industry: "Stock brokerage", size: "51-200", website: "https://saltlake-capital.example.in" },
] as const;

type SeedDeal = {
  title: string;
  rupees: number;
  stage: "Qualification" | "Demo" | "Proposal" | "Negotiation" | "Won" | "Lost";
  company?: number;
  /** Days from today for the expected close (negative: in the past). */
  closeInDays: number;
  /** For Won/Lost: days ago the deal closed. */
  closedDaysAgo?: number;
  probability?: number;
};

const DEALS: SeedDeal[] = [
  { title: "Nifty Trend Rider – 1 year", rupees: 4_999, stage: "Qualification", closeInDays: 21 },
  { title: "BankNifty Scalper Pro licence", rupees: 7_999, stage: "Qualification", closeInDays: 30 },
  { title: "Academy batch licence (25 students)", rupees: 1_24_999, stage: "Qualification", company: 0, closeInDays: 45 },
  { title: "Sensex Swing Suite", rupees: 12_499, stage: "Demo", closeInDays: 14 },
  { title: "Prop desk bundle – 5 seats", rupees: 39_999, stage: "Demo", company: 1, closeInDays: 20 },
  { title: "BankNifty Scalper Pro – renewal", rupees: 7_999, stage: "Demo", closeInDays: 10 },
  { title: "Lifetime All-Access", rupees: 24_999, stage: "Proposal", closeInDays: 7 },
  { title: "Research desk white-label (annual)", rupees: 2_49_999, stage: "Proposal", company: 2, closeInDays: 35, probability: 40 },
  { title: "Workshop indicator pack", rupees: 59_999, stage: "Proposal", company: 3, closeInDays: 12 },
  { title: "Options desk – 10 seats", rupees: 79_999, stage: "Negotiation", company: 4, closeInDays: 5 },
  { title: "Nifty Trend Rider – 2 years", rupees: 8_999, stage: "Negotiation", closeInDays: 3 },
  { title: "Lifetime All-Access (upgrade)", rupees: 19_999, stage: "Won", closeInDays: -2, closedDaysAgo: 0 },
  { title: "Branch training licence", rupees: 99_999, stage: "Won", company: 5, closeInDays: -1, closedDaysAgo: 0 },
  { title: "Sensex Swing Suite – annual", rupees: 12_499, stage: "Won", closeInDays: -40, closedDaysAgo: 40 },
  { title: "BankNifty Scalper Pro", rupees: 7_999, stage: "Lost", closeInDays: -10, closedDaysAgo: 9 },
];

const DAY = 24 * 60 * 60 * 1000;

function isoDateFromToday(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

export async function seedCompaniesAndDeals(db: PrismaClient, context: WorkspaceSeedContext): Promise<void> {
  const { organizationId } = context;
  const companies = [];
  for (const company of COMPANIES) companies.push(await createCompany(db, { organizationId, ...company }));

  // Three demo contacts work at each company.
  for (const [index, company] of companies.entries()) {
    const contactIds = context.contactIds.slice(index * 3, index * 3 + 3);
    await linkContactsToCompany(db, { organizationId, companyId: company.id, contactIds });
  }

  const stages = await stagesByName(db, organizationId);
  const people = [context.ownerId, ...context.agentIds];
  for (const [index, deal] of DEALS.entries()) {
    const stage = stages[deal.stage]!;
    const company = deal.company === undefined ? null : companies[deal.company]!;
    // Company deals go to someone who works there; the others to contacts further down the list.
    const contactId =
      deal.company === undefined
        ? (context.contactIds[18 + index] ?? null)
        : (context.contactIds[deal.company * 3] ?? null);
    const ownerId = people[index % people.length]!;
    const scope = { organizationId, actor: userActor(ownerId) };
    const probability = deal.probability ?? stage.probability;
    // A closed deal was negotiated first, then won or lost: its contact's timeline shows both.
    const closing = stage.kind !== "OPEN";
    const opened = closing ? stages.Negotiation! : stage;
    await db.$transaction(async (tx) => {
      const created = await createDeal(tx, scope, {
        title: deal.title,
        valuePaise: BigInt(deal.rupees) * 100n,
        stageId: opened.id,
        contactId,
        companyId: company?.id ?? null,
        ownerId,
        expectedCloseDate: isoDateFromToday(deal.closeInDays),
        probability: closing ? opened.probability : probability,
      });
      // Closed some days ago, not now: the seed writes the change itself rather than moving the card.
      if (closing) {
        await saveDealChange(tx, scope, {
          current: created,
          version: created.version,
          data: { stageId: stage.id, probability, closedAt: new Date(Date.now() - (deal.closedDaysAgo ?? 0) * DAY) },
          placement: { stageId: stage.id },
        });
      }
    });
  }
}
