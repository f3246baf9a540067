// Prisma reads and writes for an organization's payment account. Its keys are sealed before they are
// written (bound to the row) and opened only on the server, for a provider call or a signature check.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { Prisma, type PaymentAccount, type PrismaClient } from "~/generated/prisma/client";
import { paymentAccountMode } from "~/domain/payment/payment-account.schema";
import { openSecret, sealSecret } from "~/utils/secret-box.server";

type Tx = Prisma.TransactionClient | PrismaClient;

/** What an account's `secrets` holds once opened: the newest webhook secret first. */
export const paymentAccountSecretsSchema = z.object({
  keySecret: z.string().optional(),
  webhookSecrets: z.array(z.string().min(1)).min(1).max(2),
});
export type PaymentAccountSecrets = z.infer<typeof paymentAccountSecretsSchema>;

const boundTo = (accountId: string) => `payment-account:${accountId}`;

export function sealPaymentAccountSecrets(accountId: string, secrets: PaymentAccountSecrets): string {
  return sealSecret(JSON.stringify(paymentAccountSecretsSchema.parse(secrets)), boundTo(accountId));
}

export function paymentAccountSecrets(account: Pick<PaymentAccount, "id" | "secrets">): PaymentAccountSecrets {
  return paymentAccountSecretsSchema.parse(JSON.parse(openSecret(account.secrets, boundTo(account.id))));
}

/**
 * The webhook secrets a post may be signed with at `at`: the current one, and the previous one while
 * its rotation lasts. Empty when the secrets cannot be opened (a key that was dropped).
 */
export function acceptedWebhookSecrets(account: Pick<PaymentAccount, "id" | "secrets" | "previousSecretUntil">, at: Date): string[] {
  try {
    const [current, previous] = paymentAccountSecrets(account).webhookSecrets;
    return previous && account.previousSecretUntil && account.previousSecretUntil > at ? [current!, previous] : [current!];
  } catch {
    return [];
  }
}

/** A fresh webhook secret, for the sandbox (which signs its own checkout's webhooks with it). */
export function newWebhookSecret(): string {
  return randomBytes(24).toString("base64url");
}

const ACCOUNT_COLUMNS = Prisma.sql`"id", "organizationId", "provider"::text AS "provider", "keyId", "secrets", "previousSecretUntil",
  "churnOnFullRefund", "createdAt", "updatedAt"`;

/** An account by id, for a webhook: the id in the URL is all it has (the signature then proves the sender). */
export async function findPaymentAccountForWebhook(db: Tx, { id }: { id: string }): Promise<PaymentAccount | null> {
  const rows = await db.$queryRaw<PaymentAccount[]>`SELECT ${ACCOUNT_COLUMNS} FROM "PaymentAccount" WHERE "id" = ${id}::uuid`;
  return rows[0] ?? null;
}

/** Several accounts by id in one statement (posts arriving together). */
export async function findPaymentAccountsForWebhook(db: Tx, { ids }: { ids: string[] }): Promise<PaymentAccount[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<PaymentAccount[]>`SELECT ${ACCOUNT_COLUMNS} FROM "PaymentAccount" WHERE "id" = ANY(${ids}::uuid[])`;
}

export async function findPaymentAccount(db: Tx, { organizationId }: { organizationId: string }): Promise<PaymentAccount | null> {
  return db.paymentAccount.findUnique({ where: { organizationId } });
}

/**
 * The organization's account, made on first use as a sandbox account with a webhook secret of its own
 * (two callers at once make one: the second finds the first's row).
 */
export async function findOrCreatePaymentAccount(db: Tx, { organizationId }: { organizationId: string }): Promise<PaymentAccount> {
  const existing = await findPaymentAccount(db, { organizationId });
  if (existing) return existing;
  const id = randomUUID();
  const secrets = sealPaymentAccountSecrets(id, { webhookSecrets: [newWebhookSecret()] });
  await db.$executeRaw`
    INSERT INTO "PaymentAccount" ("id", "organizationId", "provider", "secrets", "updatedAt")
    VALUES (${id}::uuid, ${organizationId}::uuid, 'SANDBOX', ${secrets}, now())
    ON CONFLICT ("organizationId") DO NOTHING`;
  return (await findPaymentAccount(db, { organizationId }))!;
}

/** The organization's account, locked until the transaction ends (two admins saving at once go one after the other). */
export async function lockPaymentAccount(tx: Prisma.TransactionClient, { organizationId }: { organizationId: string }): Promise<PaymentAccount> {
  await findOrCreatePaymentAccount(tx, { organizationId });
  const rows = await tx.$queryRaw<PaymentAccount[]>`
    SELECT ${ACCOUNT_COLUMNS} FROM "PaymentAccount" WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  return rows[0]!;
}

export type PaymentAccountRowInput = Partial<Pick<PaymentAccount, "provider" | "keyId" | "secrets" | "previousSecretUntil" | "churnOnFullRefund">>;

/** Updates the organization's account; the number of rows changed (0: not the organization's). */
export async function updatePaymentAccountRow(db: Tx, { organizationId, id, ...data }: PaymentAccountRowInput & { organizationId: string; id: string }): Promise<number> {
  const { count } = await db.paymentAccount.updateMany({ where: { organizationId, id }, data });
  return count;
}

/** The account's secrets, or null when they cannot be opened (sealed under a key no longer configured). */
export function openedPaymentAccountSecrets(account: Pick<PaymentAccount, "id" | "secrets">): PaymentAccountSecrets | null {
  try {
    return paymentAccountSecrets(account);
  } catch {
    return null;
  }
}

/**
 * What owners and admins see of the account: everything but its secrets, of which only whether they
 * are saved (null when they cannot be opened), and until when the previous webhook secret is still
 * accepted (null when no rotation lasts at `at`).
 */
export function paymentAccountSettingsView(account: PaymentAccount, at: Date) {
  const secrets = openedPaymentAccountSecrets(account);
  const rotating = secrets?.webhookSecrets[1] !== undefined && account.previousSecretUntil !== null && account.previousSecretUntil > at;
  return {
    id: account.id,
    provider: account.provider,
    keyId: account.keyId,
    mode: paymentAccountMode(account),
    churnOnFullRefund: account.churnOnFullRefund,
    savedSecrets: secrets === null ? null : { keySecret: Boolean(secrets.keySecret), webhookSecret: secrets.webhookSecrets.length > 0 },
    previousSecretUntil: rotating ? account.previousSecretUntil : null,
    updatedAt: account.updatedAt,
  };
}
export type PaymentAccountSettingsView = ReturnType<typeof paymentAccountSettingsView>;
