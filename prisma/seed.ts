// Demo data: an organization selling TradingView indicators, its owner and two
// agents, a product catalog (one product archived), tags and a spread of contacts.
import type { PrismaClient } from "../app/generated/prisma/client";
import {
  STAGES,
  TEMPERATURES,
  addMember,
  createOrganization,
  createProduct,
  createTag,
  indianMobile,
  personName,
} from "./factories";
import { seedWorkspace } from "./seed-workspace";

export const DEMO_PASSWORD = "leadlane-demo-2026";
export const DEMO_OWNER_EMAIL = "owner@demo.leadlane.in";
export const DEMO_AGENT_EMAILS = ["aisha@demo.leadlane.in", "rohit@demo.leadlane.in"] as const;

const PRODUCTS = [
  {
    name: "Nifty Trend Rider",
    pricePaise: 499_900,
    category: "Indicator",
    description: "Trend-following indicator for Nifty 50, 5m–1h.",
    features: ["Trend ribbon with buy and sell flips", "Works on 5-minute to 1-hour charts", "TradingView alerts on every flip", "One year of updates"],
  },
  {
    name: "BankNifty Scalper Pro",
    pricePaise: 799_900,
    category: "Indicator",
    description: "Scalping signals for BankNifty options.",
    features: ["Entry arrows on the 1- and 3-minute charts", "Stop-loss and target lines", "Expiry-day mode", "WhatsApp support group"],
  },
  {
    name: "Nifty Options Suite",
    pricePaise: 999_900,
    category: "Bundle",
    description: "Trend Rider plus option-chain levels and an OI dashboard for Nifty weekly expiries.",
    features: ["Nifty Trend Rider included", "Open-interest support and resistance", "PCR and max-pain panel", "Weekly live session"],
  },
  {
    name: "Sensex Swing Suite",
    pricePaise: 1_249_900,
    category: "Indicator",
    description: "Swing setups with risk levels for Sensex.",
    features: ["Daily and 4-hour swing setups", "Risk levels for every trade", "Weekly watchlist"],
  },
  {
    name: "Lifetime All-Access",
    pricePaise: 2_499_900,
    category: "Bundle",
    description: "Every indicator, every update, forever.",
    features: ["Every current and future indicator", "Lifetime updates", "Priority WhatsApp support"],
  },
  {
    name: "Options Buying Masterclass (2025 batch)",
    pricePaise: 299_900,
    category: "Course",
    description: "Recorded course from last year's batch; replaced by the live sessions in Nifty Options Suite.",
    features: ["12 recorded lessons", "Strategy workbook"],
    active: false,
  },
];
const TAGS = [
  { name: "options-trader", color: "violet" },
  { name: "beginner", color: "sky" },
  { name: "repeat-buyer", color: "emerald" },
  { name: "price-sensitive", color: "amber" },
  { name: "webinar-lead", color: "rose" },
];
const SOURCES = ["WHATSAPP", "WEBSITE", "SMS", "EMAIL", "MANUAL"] as const;

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.organization.count()) === 0;
}

export async function seedDemoData(db: PrismaClient, options: { contacts?: number } = {}) {
  const { organization, owner } = await createOrganization(db, {
    name: "Demo Indicators",
    owner: { email: DEMO_OWNER_EMAIL, name: "Neha Kapoor", password: DEMO_PASSWORD },
  });
  const agents: Array<{ id: string }> = [];
  for (const [index, email] of DEMO_AGENT_EMAILS.entries()) {
    const { user } = await addMember(db, {
      organizationId: organization.id,
      role: "AGENT",
      user: { email, name: index === 0 ? "Aisha Khan" : "Rohit Verma", password: DEMO_PASSWORD },
    });
    agents.push(user);
  }
  for (const product of PRODUCTS) await createProduct(db, { organizationId: organization.id, ...product });
  const tags: Array<{ id: string }> = [];
  for (const tag of TAGS) tags.push(await createTag(db, { organizationId: organization.id, ...tag }));

  const owners = [owner.id, ...agents.map((agent) => agent.id), null];
  const count = options.contacts ?? 60;
  const contacts = Array.from({ length: count }, (_, i) => ({
    organizationId: organization.id,
    name: personName(i * 7 + 3),
    phone: indianMobile(876_543_210 + i * 97),
    email: i % 3 === 0 ? `lead${i}@example.in` : null,
    source: SOURCES[i % SOURCES.length]!,
    stage: STAGES[(i * 5) % STAGES.length]!,
    temperature: TEMPERATURES[(i * 3) % TEMPERATURES.length]!,
    score: (i * 37) % 101,
    ownerId: owners[i % owners.length] ?? null,
  }));
  await db.contact.createMany({ data: contacts });
  const created = await db.contact.findMany({ where: { organizationId: organization.id }, select: { id: true } });
  await db.contactTag.createMany({
    data: created.flatMap((contact, i) =>
      i % 2 === 0 ? [{ organizationId: organization.id, contactId: contact.id, tagId: tags[i % tags.length]!.id }] : [],
    ),
  });
  await seedWorkspace(db, {
    organizationId: organization.id,
    ownerId: owner.id,
    agentIds: agents.map((agent) => agent.id),
    contactIds: created.map((contact) => contact.id),
  });
  return { organization, owner, agents };
}
