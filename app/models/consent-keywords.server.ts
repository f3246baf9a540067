// An organization's consent words and confirmations (ConsentKeywordSettings), always by organization.
// No row means the built-in defaults. The inbound path reads them once per transaction: a batch of
// messages received in one transaction asks the database once.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import {
  DEFAULT_OPT_IN_CONFIRMATION,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_CONFIRMATION,
  DEFAULT_OPT_OUT_KEYWORDS,
  type KeywordLists,
} from "~/domain/conversation/opt-out-keywords";

type Tx = Prisma.TransactionClient | PrismaClient;

export type ConsentKeywordSettingsView = KeywordLists & {
  optOutConfirmation: string;
  optInConfirmation: string;
  /** False while the organization uses the defaults (no row). */
  customized: boolean;
};

export const DEFAULT_CONSENT_KEYWORD_SETTINGS: ConsentKeywordSettingsView = {
  optOut: DEFAULT_OPT_OUT_KEYWORDS,
  optIn: DEFAULT_OPT_IN_KEYWORDS,
  optOutConfirmation: DEFAULT_OPT_OUT_CONFIRMATION,
  optInConfirmation: DEFAULT_OPT_IN_CONFIRMATION,
  customized: false,
};

type Row = { optOutKeywords: string[]; optInKeywords: string[]; optOutConfirmation: string; optInConfirmation: string };

/** Per transaction client: organization id → its settings. A plain client (no transaction) is never cached. */
const perTransaction = new WeakMap<object, Map<string, Promise<ConsentKeywordSettingsView>>>();

/** A transaction client has no $connect (Prisma leaves the connection methods off it). */
const isTransaction = (db: Tx) => typeof (db as { $connect?: unknown }).$connect !== "function";

async function readConsentKeywordSettings(db: Tx, organizationId: string): Promise<ConsentKeywordSettingsView> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT "optOutKeywords", "optInKeywords", "optOutConfirmation", "optInConfirmation"
      FROM "ConsentKeywordSettings" WHERE "organizationId" = ${organizationId}::uuid`;
  const row = rows[0];
  if (!row) return DEFAULT_CONSENT_KEYWORD_SETTINGS;
  return {
    optOut: row.optOutKeywords,
    optIn: row.optInKeywords,
    optOutConfirmation: row.optOutConfirmation,
    optInConfirmation: row.optInConfirmation,
    customized: true,
  };
}

/** The organization's words and confirmations (the defaults without a row), read once per transaction. */
export function organizationConsentSettings(db: Tx, organizationId: string): Promise<ConsentKeywordSettingsView> {
  if (!isTransaction(db)) return readConsentKeywordSettings(db, organizationId);
  let cache = perTransaction.get(db);
  if (!cache) perTransaction.set(db, (cache = new Map()));
  let settings = cache.get(organizationId);
  if (!settings) {
    settings = readConsentKeywordSettings(db, organizationId);
    cache.set(organizationId, settings);
    // A failed read is not kept: the next call asks again.
    settings.catch(() => cache!.delete(organizationId));
  }
  return settings;
}

/** The organization's opt-out and opt-in words, for matchConsentKeyword; read once per transaction. */
export async function organizationConsentKeywords(db: Tx, organizationId: string): Promise<KeywordLists> {
  const { optOut, optIn } = await organizationConsentSettings(db, organizationId);
  return { optOut, optIn };
}

function forget(db: Tx, organizationId: string) {
  perTransaction.get(db)?.delete(organizationId);
}

/** Stores the organization's words and confirmations (creating its row on the first change). */
export async function saveConsentKeywordSettings(
  db: Tx,
  { organizationId, optOut, optIn, optOutConfirmation, optInConfirmation }: Omit<ConsentKeywordSettingsView, "customized"> & { organizationId: string },
) {
  forget(db, organizationId);
  const data = { optOutKeywords: [...optOut], optInKeywords: [...optIn], optOutConfirmation, optInConfirmation };
  await db.consentKeywordSettings.upsert({ where: { organizationId }, create: { organizationId, ...data }, update: data });
}

/** Back to the defaults: the organization's row is deleted. */
export async function deleteConsentKeywordSettings(db: Tx, { organizationId }: { organizationId: string }) {
  forget(db, organizationId);
  await db.consentKeywordSettings.deleteMany({ where: { organizationId } });
}

/** Locks the organization's settings for a read-modify-write (two admins editing at once lose nothing). */
export async function lockConsentKeywordSettings(db: Tx, { organizationId }: { organizationId: string }) {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`consent-keywords:${organizationId}`}, 0))`;
  forget(db, organizationId);
}
