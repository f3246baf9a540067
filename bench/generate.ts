// Generates the benchmark dataset: one "main" organization with N contacts and
// K other organizations with M contacts each, plus their users, memberships,
// products, tags, contact tags and sessions.
//
// Organizations, users and products go through the factories in
// prisma/factories.ts (few rows, and it keeps them in step with the app).
// Contacts and contact tags are generated inside PostgreSQL with
// INSERT ... SELECT FROM generate_series, in chunks over parallel connections:
// no rows cross the wire. Every value is a deterministic hash of the row number,
// so the same parameters give the same data (apart from random UUIDs).
//
// The distributions below are typed by the schema's enums: adding or renaming
// a stage, temperature or source fails type-checking here until the generator
// says how common it is.
import os from "node:os";
import pg from "pg";
import type { PrismaClient } from "../app/generated/prisma/client";
import { normalizePhone } from "../app/utils/phone.server";
import type { ContactSource, ContactStage, Role, Temperature } from "../app/generated/prisma/enums";
import {
  DEFAULT_TEST_PASSWORD,
  addMember,
  createOrganization,
  createProduct,
  indianMobile,
  personName,
} from "../prisma/factories";
import { INBOX_GENERATOR_VERSION, benchConversationId, insertConversations, type ConversationPlan, type ConversationTimings } from "./generate-conversations";

/** Bump when the generated data changes shape; stored datasets of another version are regenerated. */
export const GENERATOR_VERSION = 4;

export type DatasetParams = {
  /** Contacts in the main organization. */
  contacts: number;
  /** Other organizations. */
  orgs: number;
  /** Contacts in each other organization. */
  contactsPerOtherOrg: number;
  /** Conversations in the main organization (the other organizations get as many per contact); 0: no inbox data. */
  conversations?: number;
  /** Messages in the main organization, likewise. */
  messages?: number;
};

/** The inbox's data, generated on top of the contacts (see bench/generate-conversations.ts). */
export type DatasetConversations = {
  version: number;
  conversations: number;
  messages: number;
  /** The main organization's conversation with BIG_CONVERSATION messages. */
  bigConversationId: string | null;
  counts: Record<string, number>;
  generatedAt: string;
  timings: ConversationTimings & { totalMs: number; indexBuildMs: number; vacuumAnalyzeMs: number; loadAverage: number[] };
};

export type DatasetOrganization = {
  id: string;
  name: string;
  slug: string;
  contacts: number;
  ownerUserId: string;
  userIds: string[];
};

export type Dataset = {
  version: number;
  params: DatasetParams;
  main: DatasetOrganization;
  others: DatasetOrganization[];
  /** Every bench user signs in with this password. */
  password: string;
  /** Row counts per table after generation. */
  counts: Record<string, number>;
  generatedAt: string;
  /** Channels, conversations and messages, when asked for. */
  inbox?: DatasetConversations;
  timings: {
    totalMs: number;
    organizationsMs: number;
    /** Contacts and contact tags: the insert plus rebuilding the deferred indexes. */
    contactsMs: number;
    contactsPerSec: number;
    insertMs: number;
    indexBuildMs: number;
    /** Until the main organization's rows were inserted (they go first). */
    mainOrganizationInsertMs: number;
    sessionsMs: number;
    vacuumAnalyzeMs: number;
    connections: number;
    foreignKeyChecks: boolean;
    /** 1/5/15-minute load averages when generation finished: a busy machine explains a slow run. */
    loadAverage: number[];
  };
};

// ---------------------------------------------------------------------------
// Distributions

const STAGE_WEIGHTS: Record<ContactStage, number> = {
  NEW: 0.38,
  ENGAGED: 0.24,
  INTERESTED: 0.16,
  NEGOTIATION: 0.08,
  CONVERTED: 0.08,
  CHURNED: 0.06,
};

/** Temperature depends on how far along the contact is. */
const TEMPERATURE_BY_STAGE: Record<ContactStage, Record<Temperature, number>> = {
  NEW: { HOT: 0.04, WARM: 0.16, COLD: 0.6, DEAD: 0.2 },
  ENGAGED: { HOT: 0.1, WARM: 0.35, COLD: 0.45, DEAD: 0.1 },
  INTERESTED: { HOT: 0.25, WARM: 0.45, COLD: 0.25, DEAD: 0.05 },
  NEGOTIATION: { HOT: 0.45, WARM: 0.4, COLD: 0.12, DEAD: 0.03 },
  CONVERTED: { HOT: 0.3, WARM: 0.45, COLD: 0.2, DEAD: 0.05 },
  CHURNED: { HOT: 0.01, WARM: 0.04, COLD: 0.35, DEAD: 0.6 },
};

/** Lead score range (inclusive) by temperature. */
const SCORE_RANGE: Record<Temperature, [number, number]> = {
  HOT: [70, 100],
  WARM: [45, 85],
  COLD: [15, 55],
  DEAD: [0, 25],
};

const SOURCE_WEIGHTS: Record<ContactSource, number> = {
  WHATSAPP: 0.46,
  WEBSITE: 0.16,
  IMPORT: 0.12,
  MANUAL: 0.09,
  RAZORPAY: 0.07,
  SMS: 0.04,
  EMAIL: 0.04,
  API: 0.02,
};

// Every value of each enum, in schema order (the Records above must name them all).
const STAGES = Object.keys(STAGE_WEIGHTS) as ContactStage[];
const TEMPERATURES = Object.keys(SCORE_RANGE) as Temperature[];

const UNASSIGNED_SHARE = 0.12;
const EMAIL_SHARE = 0.4;
const FIRST_NAME_ONLY_SHARE = 0.08;
/** Names written in Devanagari (their emails use the names' usual Latin spelling). */
const DEVANAGARI_SHARE = 0.06;
const NO_MESSAGES_SHARE = 0.15;
const SESSIONS_PER_USER = 50;
const CHUNK_SIZE = 50_000;
/** Phone seeds are (row × multiplier + org offset) mod 10^9: a bijection, so numbers are unique per organization. */
const PHONE_MULTIPLIER = 7_654_321;
const PHONE_MODULUS = 1_000_000_000;

// Names beyond the factories' list, so that name-prefix searches see a realistic spread.
const MORE_FIRST_NAMES = [
  "Aditya", "Aisha", "Amit", "Anjali", "Deepak", "Divya", "Gaurav", "Harsh", "Ishaan", "Jyoti", "Kiran", "Lakshmi",
  "Manish", "Neha", "Nikhil", "Pooja", "Pranav", "Ritu", "Sachin", "Sanjay", "Shreya", "Siddharth", "Sunita", "Tanvi",
  "Varun", "Vivek", "Yash", "Zoya", "Abhishek", "Bhavna", "Chirag", "Farhan", "Geeta", "Heena", "Imran", "Kunal",
  "Madhuri", "Naveen", "Omkar", "Pallavi", "Rajesh", "Sakshi", "Tarun", "Uday", "Vandana", "Mohammed", "Fatima",
  "Gurpreet", "Harpreet", "Suresh", "Ramesh", "Lata", "Swati", "Akash", "Nisha", "Ravi", "Deepika", "Aman", "Ankit",
  "Shweta", "Sourav", "Rupali", "Venkatesh", "Lavanya", "Arvind", "Preeti", "Mahesh", "Kavita", "Yogesh", "Sapna",
];
const MORE_LAST_NAMES = [
  "Verma", "Kumar", "Agarwal", "Banerjee", "Chatterjee", "Mukherjee", "Pillai", "Menon", "Kulkarni", "Deshpande",
  "Chauhan", "Yadav", "Mishra", "Pandey", "Tiwari", "Saxena", "Bose", "Ghosh", "Kapoor", "Malhotra", "Bhatt", "Shah",
  "Desai", "Jain", "Naidu", "Shetty", "Hegde", "Kaur", "Gill", "Sethi", "Ahmed", "Qureshi", "Fernandes", "D'Souza",
  "Pereira", "Thakur", "Chaudhary", "Goswami", "Dubey", "Srinivasan", "Subramanian", "Krishnan", "Raju", "Varma",
  "Patil", "Pawar", "Jadhav", "Sinha", "Prasad", "Mahajan",
];
// Devanagari names (conjuncts and vowel signs included) with the Latin spelling their emails use.
const DEVANAGARI_FIRST_NAMES: Array<[string, string]> = [
  ["प्रिया", "priya"], ["अनन्या", "ananya"], ["राहुल", "rahul"], ["अमित", "amit"], ["सुनीता", "sunita"], ["विकास", "vikas"],
  ["पूजा", "pooja"], ["दीपक", "deepak"], ["नेहा", "neha"], ["राजेश", "rajesh"], ["संजय", "sanjay"], ["कविता", "kavita"],
  ["आरती", "aarti"], ["मनोज", "manoj"], ["सीमा", "seema"], ["अंकित", "ankit"], ["श्रेया", "shreya"], ["रोहित", "rohit"],
  ["गीता", "geeta"], ["सुरेश", "suresh"],
];
const DEVANAGARI_LAST_NAMES: Array<[string, string]> = [
  ["शर्मा", "sharma"], ["वर्मा", "verma"], ["गुप्ता", "gupta"], ["सिंह", "singh"], ["यादव", "yadav"], ["मिश्रा", "mishra"],
  ["पाण्डेय", "pandey"], ["तिवारी", "tiwari"], ["चौहान", "chauhan"], ["जोशी", "joshi"], ["कुमार", "kumar"],
  ["अग्रवाल", "agarwal"], ["त्रिपाठी", "tripathi"], ["श्रीवास्तव", "srivastava"], ["दुबे", "dubey"],
];
/** Most popular first: picks are skewed towards the front. */
const EMAIL_DOMAINS = ["gmail.com", "yahoo.co.in", "outlook.com", "rediffmail.com", "hotmail.com", "icloud.com", "yahoo.com"];

const TAGS: Array<{ name: string; color: string }> = [
  { name: "whatsapp-optin", color: "emerald" },
  { name: "options-trader", color: "violet" },
  { name: "beginner", color: "sky" },
  { name: "webinar-lead", color: "rose" },
  { name: "price-sensitive", color: "amber" },
  { name: "follow-up", color: "orange" },
  { name: "repeat-buyer", color: "emerald" },
  { name: "demo-requested", color: "indigo" },
  { name: "intraday", color: "cyan" },
  { name: "swing-trader", color: "teal" },
  { name: "banknifty", color: "violet" },
  { name: "nifty50", color: "blue" },
  { name: "hindi", color: "slate" },
  { name: "tamil", color: "slate" },
  { name: "telugu", color: "slate" },
  { name: "vip", color: "yellow" },
  { name: "refund-asked", color: "red" },
  { name: "coupon-used", color: "lime" },
  { name: "referral", color: "pink" },
  { name: "youtube", color: "red" },
  { name: "instagram", color: "fuchsia" },
  { name: "telegram", color: "sky" },
  { name: "no-response", color: "stone" },
  { name: "callback", color: "orange" },
];

const PRODUCTS = [
  { name: "Nifty Trend Rider", pricePaise: 499_900 },
  { name: "BankNifty Scalper Pro", pricePaise: 799_900 },
  { name: "Sensex Swing Suite", pricePaise: 1_249_900 },
  { name: "Options Greeks Dashboard", pricePaise: 999_900 },
  { name: "Lifetime All-Access", pricePaise: 2_499_900 },
];

const PRICES_SQL = `(ARRAY[${PRODUCTS.map((product) => product.pricePaise).join(", ")}]::bigint[])`;

/** First and last names from the factories' personName, then ours. */
export function nameLists(): { first: string[]; last: string[] } {
  const first = new Set<string>();
  const last = new Set<string>();
  for (let seed = 0; seed < 10_000; seed++) {
    const [given, family] = personName(seed).split(" ");
    if (given) first.add(given);
    if (family) last.add(family);
  }
  for (const name of MORE_FIRST_NAMES) first.add(name);
  for (const name of MORE_LAST_NAMES) last.add(name);
  const odd = [...first, ...last].find((name) => !/^[A-Za-z']+$/.test(name));
  if (odd) throw new Error(`name "${odd}" has characters the email builder does not handle`);
  return { first: [...first], last: [...last] };
}

export function phoneSeed(row: number, offset: number): number {
  return Number((BigInt(row) * BigInt(PHONE_MULTIPLIER) + BigInt(offset)) % BigInt(PHONE_MODULUS));
}

function phoneOffset(orgIndex: number): number {
  return (orgIndex * 123_456_789) % PHONE_MODULUS;
}

/** The SQL twin of indianMobile(phoneSeed(row, offset)); checked against it before every generation. */
function phoneSql(rowExpression: string, offset: number): string {
  return `'+919' || lpad(((${rowExpression} * ${PHONE_MULTIPLIER} + ${offset}) % ${PHONE_MODULUS})::text, 9, '0')`;
}

// ---------------------------------------------------------------------------
// SQL builders

function quote(literal: string): string {
  return `'${literal.replace(/'/g, "''")}'`;
}

/** CASE picking a value by cumulative weight, for r uniform in [0, 1). */
function weightedCase<T extends string>(r: string, weights: Record<T, number>, order: readonly T[]): string {
  const total = order.reduce((sum, key) => sum + weights[key], 0);
  let cumulative = 0;
  const branches = order.slice(0, -1).map((key) => {
    cumulative += weights[key] / total;
    return `WHEN ${r} < ${cumulative.toFixed(6)} THEN ${quote(key)}`;
  });
  return `CASE ${branches.join(" ")} ELSE ${quote(order[order.length - 1]!)} END`;
}

/** A uniform [0, 1) float from a hash of the row number and a per-column seed. */
function uniform(seed: number): string {
  return `((hashint8extended(g.i, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
}

export function contactChunkSql(orgIndex: number, tagCount: number): string {
  const salt = 1000 + orgIndex * 100;
  const stageCase = weightedCase("r_stage", STAGE_WEIGHTS, STAGES);
  const temperatureCase = `CASE stage ${STAGES.map(
    (stage) => `WHEN ${quote(stage)} THEN ${weightedCase("r_temp", TEMPERATURE_BY_STAGE[stage], TEMPERATURES)}`,
  ).join(" ")} END`;
  const scoreCase = `CASE temperature ${TEMPERATURES.map((temperature) => {
    const [low, high] = SCORE_RANGE[temperature];
    return `WHEN ${quote(temperature)} THEN ${low} + floor(r_score * ${high - low + 1})::int`;
  }).join(" ")} END`;
  const sources = Object.keys(SOURCE_WEIGHTS) as ContactSource[];
  const sourceCase = weightedCase("r_source", SOURCE_WEIGHTS, sources);
  // Names hold letters and the odd apostrophe (D'Souza); emails keep the letters.
  const letters = (column: string) => `lower(replace(${column}, '''', ''))`;
  if (tagCount < 3 || tagCount % 7 === 0) throw new Error("tag count must be at least 3 and not a multiple of 7");

  // Each step ends in OFFSET 0 so PostgreSQL computes its columns once per row
  // instead of inlining (and re-evaluating) them wherever the next step uses them.
  return `
WITH src AS (
  SELECT g.i,
    ${uniform(salt + 1)} AS r_stage, ${uniform(salt + 2)} AS r_temp, ${uniform(salt + 3)} AS r_score,
    ${uniform(salt + 4)} AS r_source, ${uniform(salt + 5)} AS r_first, ${uniform(salt + 6)} AS r_last,
    ${uniform(salt + 7)} AS r_email, ${uniform(salt + 8)} AS r_domain, ${uniform(salt + 9)} AS r_owner,
    ${uniform(salt + 10)} AS r_owner_pick, ${uniform(salt + 11)} AS r_age, ${uniform(salt + 12)} AS r_updated,
    ${uniform(salt + 13)} AS r_shape, ${uniform(salt + 14)} AS r_messages, ${uniform(salt + 15)} AS r_message_at,
    ${uniform(salt + 16)} AS r_spend, ${uniform(salt + 17)} AS r_payment_at, ${uniform(salt + 18)} AS r_price,
    ${uniform(salt + 19)} AS r_script
  FROM generate_series($2::bigint, $3::bigint - 1) AS g(i)
  OFFSET 0
), staged AS (
  SELECT src.*,
    (${stageCase})::"ContactStage" AS stage,
    CASE WHEN r_script < ${DEVANAGARI_SHARE}
      THEN ($10::text[])[1 + floor(cardinality($10::text[]) * power(r_first, 1.7))::int]
      ELSE ($4::text[])[1 + floor(cardinality($4::text[]) * power(r_first, 1.7))::int] END AS first_name,
    CASE WHEN r_script < ${DEVANAGARI_SHARE}
      THEN ($11::text[])[1 + floor(cardinality($11::text[]) * power(r_last, 1.3))::int]
      ELSE ($5::text[])[1 + floor(cardinality($5::text[]) * power(r_last, 1.3))::int] END AS last_name,
    CASE WHEN r_script < ${DEVANAGARI_SHARE}
      THEN ($12::text[])[1 + floor(cardinality($12::text[]) * power(r_first, 1.7))::int]
      ELSE ($4::text[])[1 + floor(cardinality($4::text[]) * power(r_first, 1.7))::int] END AS first_latin,
    CASE WHEN r_script < ${DEVANAGARI_SHARE}
      THEN ($13::text[])[1 + floor(cardinality($13::text[]) * power(r_last, 1.3))::int]
      ELSE ($5::text[])[1 + floor(cardinality($5::text[]) * power(r_last, 1.3))::int] END AS last_latin,
    $8::timestamptz - make_interval(secs => 31536000 * power(r_age, 1.3)) AS created_at
  FROM src
  OFFSET 0
), shaped AS (
  SELECT staged.*,
    (${temperatureCase})::"Temperature" AS temperature,
    -- Most contacts have written at least once; a few are very chatty.
    CASE WHEN r_messages < ${NO_MESSAGES_SHARE} THEN 0 ELSE 1 + floor(power(r_messages, 4) * 150)::int END AS message_count,
    -- Converted contacts paid for one to three products; some churned ones paid once.
    CASE WHEN stage = 'CONVERTED' OR (stage = 'CHURNED' AND r_spend < 0.3)
      THEN ${PRICES_SQL}[1 + floor(r_price * ${PRODUCTS.length})::int] * (1 + floor(power(r_payment_at, 4) * 3)::int)
      ELSE 0 END AS amount_spent
  FROM staged
  OFFSET 0
), timed AS (
  SELECT shaped.*,
    CASE WHEN message_count > 0 THEN created_at + ($8::timestamptz - created_at) * sqrt(r_message_at) END AS last_message_at,
    CASE WHEN amount_spent > 0 THEN created_at + ($8::timestamptz - created_at) * r_payment_at END AS last_payment_at
  FROM shaped
  OFFSET 0
), contacts AS (
  INSERT INTO "Contact" ("organizationId", name, phone, email, source, stage, temperature, score, "ownerId",
    "messageCount", "lastMessageAt", "amountSpentPaise", "lastPaymentAt", "lastActivityAt", "createdAt", "updatedAt")
  SELECT $1::uuid,
    CASE WHEN r_shape < ${FIRST_NAME_ONLY_SHARE} THEN first_name ELSE first_name || ' ' || last_name END,
    ${phoneSql("i", phoneOffset(orgIndex))},
    CASE WHEN r_email < ${EMAIL_SHARE} THEN
      ${letters("first_latin")} || CASE WHEN r_shape < 0.5 THEN '.' ELSE '' END || ${letters("last_latin")}
      -- An email belongs to one contact of the organization: the row number keeps it so, as the number
      -- people add to an address that was taken (the first name alone is shared by thousands).
      || CASE WHEN r_shape > 0.7 THEN '_' ELSE '' END || i::text
      || '@' || ($6::text[])[1 + floor(cardinality($6::text[]) * power(r_domain, 2))::int]
    END,
    (${sourceCase})::"ContactSource",
    stage,
    temperature,
    ${scoreCase},
    CASE WHEN r_owner < ${UNASSIGNED_SHARE} OR cardinality($7::uuid[]) = 0 THEN NULL
      ELSE ($7::uuid[])[1 + floor(cardinality($7::uuid[]) * power(r_owner_pick, 1.3))::int] END,
    message_count,
    last_message_at,
    amount_spent,
    last_payment_at,
    greatest(created_at, last_message_at, last_payment_at),
    created_at,
    greatest(created_at, last_message_at, last_payment_at) + ($8::timestamptz - greatest(created_at, last_message_at, last_payment_at)) * r_updated * r_updated
  FROM timed
  RETURNING id, phone, "createdAt"
)
INSERT INTO "ContactTag" ("organizationId", "contactId", "tagId", source, confidence, "createdAt")
SELECT $1::uuid, c.id, ($9::uuid[])[1 + ((h.base + k * 7) % cardinality($9::uuid[]))],
  (CASE WHEN h.ai THEN 'AI' ELSE 'MANUAL' END)::"TagSource",
  CASE WHEN h.ai THEN round((0.55 + h.spread * 0.45)::numeric, 2)::float8 END,
  least($8::timestamptz, c."createdAt" + make_interval(secs => 2592000 * h.spread))
FROM (SELECT c.id, c."createdAt", hashtextextended(c.phone, ${salt}) AS x FROM contacts c OFFSET 0) AS c
CROSS JOIN LATERAL (
  SELECT CASE WHEN (c.x & 1023) < 358 THEN 0 WHEN (c.x & 1023) < 717 THEN 1 WHEN (c.x & 1023) < 921 THEN 2 ELSE 3 END AS n,
    floor(cardinality($9::uuid[]) * power(((c.x >> 10) & 1023)::float8 / 1024, 2))::int AS base,
    ((c.x >> 20) & 3) = 0 AS ai,
    ((c.x >> 22) & 1023)::float8 / 1024 AS spread
) h
CROSS JOIN LATERAL generate_series(0, h.n - 1) AS k`;
}

/** The backfill of prisma/migrations/20261202100000_contact_search_words (keep them alike). */
const SEARCH_WORDS_SQL = `
INSERT INTO "ContactSearchWord" ("organizationId", "contactId", "word", "previousWord")
SELECT d."organizationId", d."contactId", d."word", coalesce(lag(d."word") OVER (PARTITION BY d."contactId" ORDER BY d."word"), '')
  FROM (SELECT DISTINCT c."organizationId", c."id" AS "contactId", w."word" COLLATE "C" AS "word"
          FROM "Contact" c CROSS JOIN LATERAL unnest("contact_search_words"(c."name", c."email")) AS w("word")
         WHERE w."word" <> '') AS d`;

const SESSIONS_SQL = `
INSERT INTO "Session" (id, "userId", "organizationId", "userAgent", "ipAddress", "expiresAt", "lastSeenAt", "createdAt")
SELECT encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), s."userId",
  CASE WHEN random() < 0.05 THEN NULL ELSE s."organizationId" END,
  (ARRAY['Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
         'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1'])[1 + floor(random() * 3)::int],
  '10.' || floor(random() * 255)::int || '.' || floor(random() * 255)::int || '.' || floor(random() * 255)::int,
  s.created + interval '30 days',
  s.created + (now() - s.created) * random(),
  s.created
FROM (
  SELECT m."userId", m."organizationId", now() - make_interval(secs => 86400 * 45 * random()) AS created
  FROM "Membership" m CROSS JOIN generate_series(1, $1::int)
) s`;

// ---------------------------------------------------------------------------
// Metadata: which dataset the bench database holds.

const METADATA_DDL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.dataset (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version int NOT NULL,
  params jsonb NOT NULL,
  dataset jsonb NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS bench.deferred_index (
  name text PRIMARY KEY,
  table_name text NOT NULL,
  definition text NOT NULL
)`;

/** The dataset the bench database says it holds (null before the first generation). */
export async function readDataset(pool: pg.Pool): Promise<Dataset | null> {
  await pool.query(METADATA_DDL);
  const { rows } = await pool.query<{ dataset: Dataset }>("SELECT dataset FROM bench.dataset WHERE id = 1");
  return rows[0]?.dataset ?? null;
}

function sameParams(a: DatasetParams, b: DatasetParams): boolean {
  return (
    a.contacts === b.contacts &&
    a.orgs === b.orgs &&
    (a.orgs === 0 || a.contactsPerOtherOrg === b.contactsPerOtherOrg)
  );
}

/** Whether the stored dataset is still what the database holds (a benchmark may have written to it). */
async function isIntact(pool: pg.Pool, dataset: Dataset): Promise<string | null> {
  const { rows } = await pool.query<{ contacts: string; main: string }>(
    `SELECT (SELECT count(*) FROM "Contact") AS contacts,
            (SELECT count(*) FROM "Contact" WHERE "organizationId" = $1) AS main`,
    [dataset.main.id],
  );
  const row = rows[0]!;
  if (Number(row.contacts) !== dataset.counts.Contact) {
    return `the database holds ${row.contacts} contacts, the dataset had ${dataset.counts.Contact}`;
  }
  if (Number(row.main) !== dataset.main.contacts) return "the main organization's contacts changed";
  return null;
}

export async function ensureDataset(options: {
  db: PrismaClient;
  pool: pg.Pool;
  params: DatasetParams;
  fresh?: boolean;
  reuse?: boolean;
  log: (line: string) => void;
}): Promise<{ dataset: Dataset; generated: boolean }> {
  const { pool, params, log } = options;
  const existing = await readDataset(pool);
  // Indexes left dropped by a generation that crashed.
  await restoreDeferredIndexes(pool, { log });
  if (options.reuse) {
    if (!existing) throw new Error("--reuse: the bench database holds no dataset yet; run once without --reuse.");
    const problem = await isIntact(pool, existing);
    if (problem) throw new Error(`--reuse: ${problem}; run without --reuse to regenerate.`);
    return { dataset: existing, generated: false };
  }
  if (existing && !options.fresh) {
    const problem =
      existing.version !== GENERATOR_VERSION
        ? `generator version ${existing.version} ≠ ${GENERATOR_VERSION}`
        : !sameParams(existing.params, params)
          ? `stored dataset is ${describe(existing.params)}`
          : await isIntact(pool, existing);
    if (!problem) {
      log(`reusing dataset (${describe(existing.params)}, generated ${existing.generatedAt})`);
      return { dataset: existing, generated: false };
    }
    log(`regenerating: ${problem}`);
  }
  return { dataset: await generateDataset(options), generated: true };
}

function sameInbox(dataset: Dataset, params: DatasetParams): boolean {
  const wanted = params.conversations ?? 0;
  if (wanted === 0) return true; // a benchmark that needs no inbox data takes whatever is there
  return (
    dataset.inbox?.version === INBOX_GENERATOR_VERSION && dataset.inbox.conversations === wanted && dataset.inbox.messages === (params.messages ?? 0)
  );
}

/** Whether the stored inbox data is still what the database holds. */
async function isInboxIntact(pool: pg.Pool, dataset: Dataset): Promise<string | null> {
  if (!dataset.inbox) return null;
  const { rows } = await pool.query<{ conversations: string }>(`SELECT count(*) AS conversations FROM "Conversation" WHERE "organizationId" = $1`, [
    dataset.main.id,
  ]);
  if (Number(rows[0]!.conversations) !== dataset.inbox.counts.mainConversations) return "the main organization's conversations changed";
  return null;
}

/**
 * The contacts are there; brings the inbox data to the requested size (generating channels,
 * conversations and messages afresh when they differ), so changing only --conversations or --messages
 * does not regenerate a million contacts.
 */
export async function ensureInbox(options: {
  pool: pg.Pool;
  dataset: Dataset;
  params: DatasetParams;
  reuse?: boolean;
  log: (line: string) => void;
}): Promise<{ dataset: Dataset; generated: boolean }> {
  const { pool, dataset, params, log } = options;
  const problem = await isInboxIntact(pool, dataset);
  if (options.reuse || (sameInbox(dataset, params) && !problem)) {
    if (problem) throw new Error(`--reuse: ${problem}; run without --reuse to regenerate.`);
    return { dataset, generated: false };
  }
  log(problem ? `regenerating the inbox data: ${problem}` : `generating the inbox data: ${(params.conversations ?? 0).toLocaleString("en-US")} conversations, ${(params.messages ?? 0).toLocaleString("en-US")} messages`);
  const inbox = await generateInbox(pool, dataset, params, log);
  const updated: Dataset = { ...dataset, params: { ...dataset.params, conversations: params.conversations, messages: params.messages }, inbox };
  await pool.query(`UPDATE bench.dataset SET params = $1, dataset = $2 WHERE id = 1`, [JSON.stringify(updated.params), JSON.stringify(updated)]);
  return { dataset: updated, generated: true };
}

const INBOX_TABLES = ["Conversation", "Message"];

async function generateInbox(pool: pg.Pool, dataset: Dataset, params: DatasetParams, log: (line: string) => void): Promise<DatasetConversations> {
  const started = performance.now();
  await pool.query(`TRUNCATE "Channel" CASCADE`);
  const conversations = params.conversations ?? 0;
  const messages = params.messages ?? 0;
  const share = (contacts: number, total: number) => (dataset.main.contacts > 0 ? Math.round((total * contacts) / dataset.main.contacts) : 0);
  const plans: ConversationPlan[] = [];
  for (const [index, organization] of [dataset.main, ...dataset.others].entries()) {
    const { rows } = await pool.query<{ userId: string }>(
      `SELECT m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
        WHERE m."organizationId" = $1 AND m.role IN ('AGENT', 'MANAGER')
        ORDER BY m.role = 'AGENT' DESC, length(u.email), u.email`,
      [organization.id],
    );
    const own = index === 0 ? conversations : share(organization.contacts, conversations);
    plans.push({
      organizationId: organization.id,
      orgIndex: index,
      contacts: organization.contacts,
      conversations: own,
      messages: index === 0 ? messages : share(organization.contacts, messages),
      assigneeIds: rows.map((row) => row.userId),
      withBigConversation: index === 0,
    });
  }
  const superuser = await isSuperuser(pool);
  const connections = Math.max(2, Math.min(4, os.availableParallelism()));
  const deferred = await deferIndexes(pool, INBOX_TABLES);
  log(`  ${deferred.length} secondary indexes of ${INBOX_TABLES.join(", ")} deferred`);
  let timings: ConversationTimings;
  const indexStarted = { at: 0 };
  try {
    timings = await insertConversations(
      pool,
      plans.filter((plan) => plan.conversations > 0),
      {
        now: new Date(),
        connections,
        log,
        prepare: async (client) => {
          await client.query("SET synchronous_commit = off");
          if (superuser) await client.query("SET session_replication_role = replica");
        },
      },
    );
  } finally {
    indexStarted.at = performance.now();
    await restoreDeferredIndexes(pool, { connections, log: (line) => log(`  ${line}`) });
  }
  const indexBuildMs = performance.now() - indexStarted.at;
  const vacuumStarted = performance.now();
  await pool.query(`VACUUM (ANALYZE) "Channel", "Conversation", "Message"`);
  await pool.query("CHECKPOINT").catch(() => {});
  const vacuumAnalyzeMs = performance.now() - vacuumStarted;
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "Channel") AS "Channel", (SELECT count(*) FROM "Conversation") AS "Conversation",
            (SELECT count(*) FROM "Message") AS "Message",
            (SELECT count(*) FROM "Conversation" WHERE "organizationId" = $1) AS "mainConversations",
            (SELECT count(*) FROM "Message" WHERE "organizationId" = $1) AS "mainMessages"`,
    [dataset.main.id],
  );
  const counts = Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)]));
  const totalMs = performance.now() - started;
  log(
    `generated ${counts.Conversation!.toLocaleString("en-US")} conversations and ${counts.Message!.toLocaleString("en-US")} messages in ${(totalMs / 1000).toFixed(1)} s ` +
      `(conversations ${(timings.conversationsMs / 1000).toFixed(1)} s, messages ${(timings.messagesMs / 1000).toFixed(1)} s, ` +
      `indexes ${(indexBuildMs / 1000).toFixed(1)} s, vacuum/analyze ${(vacuumAnalyzeMs / 1000).toFixed(1)} s)`,
  );
  return {
    version: INBOX_GENERATOR_VERSION,
    conversations,
    messages,
    bigConversationId: conversations > 1 ? benchConversationId(dataset.main.id, 0) : null,
    counts,
    generatedAt: new Date().toISOString(),
    timings: { ...timings, totalMs, indexBuildMs, vacuumAnalyzeMs, loadAverage: os.loadavg() },
  };
}

export function describe(params: DatasetParams): string {
  const main = `${params.contacts.toLocaleString("en-US")} contacts`;
  const inbox = params.conversations
    ? `, ${params.conversations.toLocaleString("en-US")} conversations, ${(params.messages ?? 0).toLocaleString("en-US")} messages`
    : "";
  return params.orgs > 0
    ? `${main}${inbox} + ${params.orgs} × ${params.contactsPerOtherOrg.toLocaleString("en-US")} contacts in other orgs`
    : `${main}${inbox}`;
}

// ---------------------------------------------------------------------------
// Generation

/** Every tenant table references one of these, so TRUNCATE ... CASCADE empties them all. */
const ROOT_TABLES = ["Organization", "User"];
/** Tables the generator fills, counted after generation. */
const GENERATED_TABLES = ["Organization", "User", "Membership", "Product", "Tag", "Contact", "ContactTag", "Session"];
/** Tables loaded in bulk: their secondary indexes are dropped for the load and rebuilt after it. */
const BULK_TABLES = ["Contact", "ContactTag"];

async function checkPhoneFormula(pool: pg.Pool) {
  const rows = [0, 1, 7, 999_999, 1_234_567, 99_999_999];
  const offset = phoneOffset(3);
  const { rows: result } = await pool.query<{ phone: string }>(
    `SELECT ${phoneSql("r", offset)} AS phone FROM unnest($1::bigint[]) WITH ORDINALITY AS t(r, n) ORDER BY n`,
    [rows],
  );
  rows.forEach((row, index) => {
    const expected = indianMobile(phoneSeed(row, offset));
    if (result[index]?.phone !== expected) {
      throw new Error(`generator phone formula disagrees with indianMobile(): ${result[index]?.phone} ≠ ${expected}`);
    }
    if (normalizePhone(expected) !== expected) throw new Error(`generated phone ${expected} is not a normalized Indian number`);
  });
}

function usersFor(contacts: number): Array<{ role: Role; count: number }> {
  const agents = Math.min(30, Math.max(2, Math.ceil(contacts / 40_000)));
  return [
    { role: "ADMIN", count: 1 },
    { role: "MANAGER", count: Math.ceil(agents / 8) },
    { role: "AGENT", count: agents },
    { role: "VIEWER", count: 1 },
  ];
}

async function createOrganizationWithPeople(
  db: PrismaClient,
  input: { index: number; name: string; contacts: number; domain: string },
): Promise<{ organization: DatasetOrganization; ownerIds: string[] }> {
  const { organization, owner } = await createOrganization(db, {
    name: input.name,
    owner: { email: `owner@${input.domain}`, name: personName(input.index * 97) },
  });
  const userIds = [owner.id];
  const contactOwners = [owner.id];
  let seed = input.index * 97 + 1;
  for (const { role, count } of usersFor(input.contacts)) {
    for (let n = 1; n <= count; n++) {
      const { user } = await addMember(db, {
        organizationId: organization.id,
        role,
        user: { email: `${role.toLowerCase()}-${n}@${input.domain}`, name: personName(seed++) },
      });
      userIds.push(user.id);
      if (role === "AGENT" || role === "MANAGER") contactOwners.push(user.id);
    }
  }
  for (const [n, product] of PRODUCTS.entries()) {
    const created = await createProduct(db, { organizationId: organization.id, ...product });
    if (n === PRODUCTS.length - 1 && input.index % 2 === 1) {
      await db.product.update({ where: { id: created.id }, data: { active: false } });
    }
  }
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      contacts: input.contacts,
      ownerUserId: owner.id,
      userIds,
    },
    // Agents first: they own most contacts.
    ownerIds: [...contactOwners.slice(1), owner.id],
  };
}

type DeferredIndex = { name: string; table_name: string; definition: string };

/**
 * Drops the secondary indexes of the bulk tables (not those backing primary keys
 * or constraints), recording their definitions first in the same transaction,
 * so that a crash before they are rebuilt loses nothing: the next run rebuilds them.
 * Read from the catalog, so indexes added by later migrations are covered too.
 */
async function deferIndexes(pool: pg.Pool, tables: readonly string[] = BULK_TABLES): Promise<DeferredIndex[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<DeferredIndex>(
      `SELECT i.indexname AS name, i.tablename AS table_name, i.indexdef AS definition
       FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
      [tables],
    );
    for (const index of rows) {
      await client.query(
        `INSERT INTO bench.deferred_index (name, table_name, definition) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
        [index.name, index.table_name, index.definition],
      );
      await client.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
    }
    await client.query("COMMIT");
    return rows;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Rebuilds indexes dropped by deferIndexes, over parallel connections, largest table first. */
export async function restoreDeferredIndexes(
  pool: pg.Pool,
  options: { connections?: number; log?: (line: string) => void } = {},
): Promise<number> {
  const { rows: exists } = await pool.query<{ found: string | null }>(`SELECT to_regclass('bench.deferred_index')::text AS found`);
  if (!exists[0]?.found) return 0;
  const { rows } = await pool.query<DeferredIndex>(
    `SELECT d.name, d.table_name, d.definition FROM bench.deferred_index d
     ORDER BY (SELECT reltuples FROM pg_class WHERE oid = format('%I', d.table_name)::regclass) DESC, d.name`,
  );
  if (rows.length === 0) return 0;
  options.log?.(`building ${rows.length} indexes on ${[...new Set(rows.map((row) => row.table_name))].join(", ")}`);
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query("SET maintenance_work_mem = '256MB'");
      while (next < rows.length) {
        const index = rows[next++]!;
        const definition = index.definition.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS ");
        await client.query(definition);
        await client.query("DELETE FROM bench.deferred_index WHERE name = $1", [index.name]);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.connections ?? 2) }, worker));
  return rows.length;
}

async function isSuperuser(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
  return rows[0]?.rolsuper === true;
}

export async function generateDataset(options: {
  db: PrismaClient;
  pool: pg.Pool;
  params: DatasetParams;
  log: (line: string) => void;
}): Promise<Dataset> {
  const { db, pool, params, log } = options;
  const started = performance.now();
  await checkPhoneFormula(pool);
  log(`generating dataset: ${describe(params)}`);

  await pool.query("DELETE FROM bench.dataset");
  await pool.query(`TRUNCATE ${ROOT_TABLES.map((table) => `"${table}"`).join(", ")} CASCADE`);

  // Organizations and people, through the factories.
  const organizationsStarted = performance.now();
  const plans = [
    { index: 0, name: "Bench Main", contacts: params.contacts, domain: "main.bench.leadlane.in" },
    ...Array.from({ length: params.orgs }, (_, n) => ({
      index: n + 1,
      name: `Bench Other ${String(n + 1).padStart(2, "0")}`,
      contacts: params.contactsPerOtherOrg,
      domain: `other-${n + 1}.bench.leadlane.in`,
    })),
  ];
  const organizations: Array<{ organization: DatasetOrganization; ownerIds: string[]; tagIds: string[]; index: number }> = [];
  for (const plan of plans) {
    const { organization, ownerIds } = await createOrganizationWithPeople(db, plan);
    const tags = await db.tag.createManyAndReturn({
      data: TAGS.map((tag) => ({ organizationId: organization.id, ...tag })),
      select: { id: true, name: true },
    });
    const byName = new Map(tags.map((tag) => [tag.name, tag.id]));
    organizations.push({ organization, ownerIds, tagIds: TAGS.map((tag) => byName.get(tag.name)!), index: plan.index });
  }
  const organizationsMs = performance.now() - organizationsStarted;

  // Contacts and their tags, inside PostgreSQL, over parallel connections.
  const names = nameLists();
  const now = new Date();
  const connections = Math.max(2, Math.min(4, os.availableParallelism()));
  const foreignKeyChecks = !(await isSuperuser(pool));
  const chunks = organizations.flatMap(({ organization, ownerIds, tagIds, index }) => {
    const sql = contactChunkSql(index, tagIds.length);
    const list: Array<{ sql: string; values: unknown[]; main: boolean }> = [];
    for (let start = 0; start < organization.contacts; start += CHUNK_SIZE) {
      const end = Math.min(organization.contacts, start + CHUNK_SIZE);
      list.push({
        sql,
        values: [
          organization.id, start, end, names.first, names.last, EMAIL_DOMAINS, ownerIds, now, tagIds,
          DEVANAGARI_FIRST_NAMES.map(([name]) => name), DEVANAGARI_LAST_NAMES.map(([name]) => name),
          DEVANAGARI_FIRST_NAMES.map(([, latin]) => latin), DEVANAGARI_LAST_NAMES.map(([, latin]) => latin),
        ],
        main: index === 0,
      });
    }
    return list;
  });
  const contactsStarted = performance.now();
  const deferred = await deferIndexes(pool);
  log(`  loading contacts in ${chunks.length} chunks over ${connections} connections (${deferred.length} secondary indexes deferred)`);
  let mainDoneAt = contactsStarted;
  let done = 0;
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query("SET synchronous_commit = off");
      // The rows are consistent by construction; as superuser, skip per-row foreign key triggers.
      if (!foreignKeyChecks) await client.query("SET session_replication_role = replica");
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        await client.query(chunk.sql, chunk.values);
        done++;
        if (chunk.main) mainDoneAt = performance.now();
        if (done % 5 === 0 || done === chunks.length) {
          log(`  contacts: ${done}/${chunks.length} chunks, ${((performance.now() - contactsStarted) / 1000).toFixed(1)} s`);
        }
      }
    } finally {
      await client.query("RESET session_replication_role").catch(() => {});
      client.release();
    }
  };
  let insertMs = 0;
  try {
    await Promise.all(Array.from({ length: connections }, worker));
    insertMs = performance.now() - contactsStarted;
  } finally {
    // Rebuilt even when the load failed, so the schema is whole again.
    await restoreDeferredIndexes(pool, { connections, log: (line) => log(`  ${line}`) });
  }
  // Triggers don't fire under session_replication_role = replica: write the
  // contacts' search words as the contact_search_words migration does.
  if (!foreignKeyChecks) {
    log("  writing contacts' search words");
    await pool.query(SEARCH_WORDS_SQL);
  }
  const contactsMs = performance.now() - contactsStarted;
  const indexBuildMs = contactsMs - insertMs;
  const totalContacts = params.contacts + params.orgs * params.contactsPerOtherOrg;

  const sessionsStarted = performance.now();
  await pool.query(SESSIONS_SQL, [SESSIONS_PER_USER]);
  const sessionsMs = performance.now() - sessionsStarted;

  const vacuumStarted = performance.now();
  await pool.query("VACUUM (ANALYZE)");
  await pool.query("CHECKPOINT").catch(() => {});
  const vacuumAnalyzeMs = performance.now() - vacuumStarted;

  const counts: Record<string, number> = {};
  for (const table of GENERATED_TABLES) {
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(rows[0]!.n);
  }
  if (counts.Contact !== totalContacts) throw new Error(`generated ${counts.Contact} contacts, expected ${totalContacts}`);

  const [main, ...others] = organizations.map((entry) => entry.organization);
  const dataset: Dataset = {
    version: GENERATOR_VERSION,
    params,
    main: main!,
    others,
    password: DEFAULT_TEST_PASSWORD,
    counts,
    generatedAt: new Date().toISOString(),
    timings: {
      totalMs: performance.now() - started,
      organizationsMs,
      contactsMs,
      contactsPerSec: contactsMs > 0 ? (totalContacts * 1000) / contactsMs : 0,
      insertMs,
      indexBuildMs,
      mainOrganizationInsertMs: mainDoneAt - contactsStarted,
      sessionsMs,
      vacuumAnalyzeMs,
      connections,
      foreignKeyChecks,
      loadAverage: os.loadavg(),
    },
  };
  await pool.query(
    `INSERT INTO bench.dataset (id, version, params, dataset) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, params = EXCLUDED.params, dataset = EXCLUDED.dataset, generated_at = now()`,
    [GENERATOR_VERSION, JSON.stringify(params), JSON.stringify(dataset)],
  );
  log(
    `generated ${totalContacts.toLocaleString("en-US")} contacts in ${(contactsMs / 1000).toFixed(1)} s ` +
      `(insert ${(insertMs / 1000).toFixed(1)} s, indexes ${(indexBuildMs / 1000).toFixed(1)} s) ` +
      `(${Math.round(dataset.timings.contactsPerSec).toLocaleString("en-US")}/s; ${counts.ContactTag!.toLocaleString("en-US")} contact tags), ` +
      `total ${(dataset.timings.totalMs / 1000).toFixed(1)} s including vacuum/analyze ${(vacuumAnalyzeMs / 1000).toFixed(1)} s`,
  );
  return dataset;
}
