// Migration 20261203100000_contact_phone_or_email on data that breaks its new
// rule: two contacts of one organization sharing an email (in any case). The
// oldest keeps it; each later one loses it and gets a timeline entry.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, inject, test } from "vitest";
import { MIGRATIONS_DIR, applyMigrations } from "../scripts/lib/migrations";

const MIGRATION = "20261203100000_contact_phone_or_email";
const adminUrl = inject("adminDatabaseUrl");
const databases: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function freshDatabase(): Promise<string> {
  const name = `leadlane_test_phone_or_email_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  databases.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The migrations up to `name` (it included or not), in a folder of their own: later ones stay out of the test. */
async function migrationsUpTo(name: string, { including }: { including: boolean }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "leadlane-migrations-"));
  dirs.push(dir);
  for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
    const wanted = entry.name < name || (including && entry.name === name);
    if (entry.isDirectory() && wanted) await cp(path.join(MIGRATIONS_DIR, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

test("contacts sharing an email: the oldest keeps it, later ones lose it with a timeline entry; then the rule holds", async () => {
  const url = await freshDatabase();
  const before = await migrationsUpTo(MIGRATION, { including: false });
  await applyMigrations(url, { dir: before });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const org = async (slug: string) =>
      (await client.query<{ id: string }>(`INSERT INTO "Organization" ("name", "slug", "updatedAt") VALUES ($1, $1, now()) RETURNING "id"`, [slug]))
        .rows[0]!.id;
    const acme = await org("acme");
    const other = await org("other");
    const contact = async (organizationId: string, name: string, phone: string, email: string | null, createdAt: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO "Contact" ("organizationId", "name", "phone", "email", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, now()) RETURNING "id"`,
          [organizationId, name, phone, email, createdAt],
        )
      ).rows[0]!.id;
    // Created out of order on purpose: "oldest" is by createdAt, not by insertion.
    const later = await contact(acme, "Later Priya", "+919876500002", "priya@example.com", "2026-11-20T10:00:00Z");
    const oldest = await contact(acme, "First Priya", "+919876500001", "priya@example.com", "2026-11-01T10:00:00Z");
    const latest = await contact(acme, "Shouting Priya", "+919876500003", "PRIYA@example.com", "2026-11-25T10:00:00Z");
    const unique = await contact(acme, "Ravi", "+919876500004", "ravi@example.com", "2026-11-02T10:00:00Z");
    const noEmail = await contact(acme, "No Email", "+919876500005", null, "2026-11-02T10:00:00Z");
    // The same email in another organization is not a duplicate.
    const elsewhere = await contact(other, "Priya Elsewhere", "+919876500001", "priya@example.com", "2026-11-30T10:00:00Z");

    expect(await applyMigrations(url, { dir: await migrationsUpTo(MIGRATION, { including: true }) })).toEqual([MIGRATION]);

    const emails = await client.query<{ id: string; email: string | null; version: number }>(`SELECT "id", "email", "version" FROM "Contact"`);
    const emailOf = new Map(emails.rows.map((row) => [row.id, row.email]));
    expect(emailOf.get(oldest)).toBe("priya@example.com");
    expect(emailOf.get(later)).toBeNull();
    expect(emailOf.get(latest)).toBeNull();
    expect(emailOf.get(unique)).toBe("ravi@example.com");
    expect(emailOf.get(noEmail)).toBeNull();
    expect(emailOf.get(elsewhere)).toBe("priya@example.com");
    expect(emails.rows.find((row) => row.id === later)!.version).toBe(2);
    expect(emails.rows.find((row) => row.id === oldest)!.version).toBe(1);

    const events = await client.query<{ contactId: string; organizationId: string; type: string; actorLabel: string; data: unknown }>(
      `SELECT "contactId", "organizationId", "type", "actorLabel", "data" FROM "ContactEvent" ORDER BY "contactId"`,
    );
    expect(events.rows).toEqual(
      [later, latest].sort().map((contactId) => ({
        contactId,
        organizationId: acme,
        type: "EMAIL_CLEARED_DUPLICATE",
        actorLabel: "Leadlane",
        data: {
          email: contactId === later ? "priya@example.com" : "PRIYA@example.com",
          keptBy: { id: oldest, name: "First Priya" },
        },
      })),
    );

    // From now on: an email is one contact's (in any case), a contact needs a phone or an email.
    await expect(
      client.query(`INSERT INTO "Contact" ("organizationId", "name", "email", "updatedAt") VALUES ($1, 'Again', 'Priya@Example.com', now())`, [acme]),
    ).rejects.toThrow(/Contact_organizationId_email_lower_key/);
    await expect(
      client.query(`INSERT INTO "Contact" ("organizationId", "name", "updatedAt") VALUES ($1, 'Nobody', now())`, [acme]),
    ).rejects.toThrow(/Contact_phone_or_email_check/);
    await client.query(`INSERT INTO "Contact" ("organizationId", "name", "email", "updatedAt") VALUES ($1, 'Email only', 'only@example.com', now())`, [acme]);
    await client.query(`INSERT INTO "Contact" ("organizationId", "name", "email", "updatedAt") VALUES ($1, 'Email only 2', 'only2@example.com', now())`, [acme]);
    const count = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Contact" WHERE "phone" IS NULL`);
    expect(count.rows[0]!.n).toBe(2);
  } finally {
    await client.end();
  }
});
