// Contacts arriving from outside (CSV imports, website forms): create the
// contact, or apply the data to the contact it already is, following a
// duplicate strategy. Who it is: the contact with its phone (its own or kept
// from a merge) when the row has a phone; otherwise the contact with its email
// (likewise). An email another contact already has is not given to a second
// one: the row's contact is created or updated without it. Set-based — a few statements per batch
// whatever its size — and meant to run inside the caller's transaction, so a
// contact, its tags and its timeline are written together or not at all.
//
// Strategies for a contact that already exists:
//   SKIP   — leave the existing contact alone.
//   UPDATE — overwrite its fields with every value given (blank values are not
//            "given"), and add the tags.
//   MERGE  — fill only fields that are empty, and add the tags; never changes
//            stage, temperature, score or source (they always have a value).
//
// Tags added to an existing contact and a changed stage follow the same rules as
// the addTag and changeStage commands (app/services/contact/*-rules.server.ts).
import { v7 as uuidv7 } from "uuid";
import { Prisma, type ContactSource, type ContactStage, type PrismaClient, type TagSource, type Temperature } from "~/generated/prisma/client";
import { contactsOfEmails, contactsOfSecondaryPhones } from "~/models/contact-duplicates.server";
import { recordContactEvents, type Actor, type ContactEventInput } from "~/services/contact-events.server";
import { fieldChangeEvent } from "~/services/contact/contact-field-rules.server";
import { tagAddedEventData, tagsAddedCte, tagsToAddCte } from "~/services/contact/contact-tag-rules.server";
import type { FieldChange } from "~/utils/contact-event";
import { formatPhone } from "~/utils/phone";

type Tx = Prisma.TransactionClient | PrismaClient;

export type IntakeStrategy = "SKIP" | "UPDATE" | "MERGE";

/** One incoming contact. Fields left undefined or null were not given. */
export type IntakeRow = {
  /** E.164. A row has a phone or an email; its phone (else its email) is unique within one call. */
  phone: string | null;
  name?: string | null;
  email?: string | null;
  stage?: ContactStage | null;
  temperature?: Temperature | null;
  score?: number | null;
  source?: ContactSource | null;
  ownerId?: string | null;
  companyId?: string | null;
  /** Custom field values by key, already validated and stored as strings. */
  customFields?: Record<string, string>;
  /** Tags to add (already created with ensureTags). */
  tags?: Array<{ id: string; name: string }>;
};

export type IntakeOutcome =
  | { outcome: "created"; contactId: string }
  | { outcome: "updated"; contactId: string; changes: FieldChange[]; tagsAdded: number }
  /** It exists and nothing needed changing. */
  | { outcome: "unchanged"; contactId: string }
  /** It exists and the strategy is SKIP (or it kept being created concurrently); the id isn't looked up. */
  | { outcome: "skipped"; contactId: string | null };

export type IntakeOptions = {
  organizationId: string;
  actor: Actor;
  strategy: IntakeStrategy;
  /** Source of contacts created here when a row gives none (IMPORT, WEBSITE). */
  defaultSource: ContactSource;
  /** The timeline event written for each created contact. */
  createdEvent: { type: "IMPORTED" | "CREATED"; data?: Prisma.InputJsonObject };
  /** Added to the data of UPDATED and TAG_ADDED events (for example { via: "import", importId }). */
  eventData?: Prisma.InputJsonObject;
  /** Customer activity (a form submission): existing contacts get lastActivityAt = now. */
  touchActivity?: boolean;
};

/**
 * Rows inserted in bulk get time-ordered ids (UUID version 7: milliseconds
 * first, monotonic within a millisecond), so they land at the end of their
 * indexes instead of at random pages, which keeps large imports fast; the
 * columns' own default (gen_random_uuid) is still used everywhere else.
 */
const timeOrderedId = (): string => uuidv7();

type ExistingContact = {
  id: string;
  phone: string | null;
  name: string;
  email: string | null;
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  ownerId: string | null;
  companyId: string | null;
  customFields: Record<string, unknown> | null;
};

type ContactValues = Omit<ExistingContact, "id" | "phone" | "customFields"> & { customFields: Record<string, unknown> };

const SCALAR_FIELDS = ["name", "email", "stage", "temperature", "score", "ownerId", "companyId"] as const;

function given<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && value !== "";
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The contact's values after applying `row` with `strategy`, and what changed. */
export function applyIntakeRow(
  existing: ExistingContact,
  row: IntakeRow,
  strategy: Exclude<IntakeStrategy, "SKIP">,
): { values: ContactValues; changes: FieldChange[] } {
  const values: ContactValues = {
    name: existing.name,
    email: existing.email,
    stage: existing.stage,
    temperature: existing.temperature,
    score: existing.score,
    ownerId: existing.ownerId,
    companyId: existing.companyId,
    customFields: { ...(existing.customFields ?? {}) },
  };
  const changes: FieldChange[] = [];
  const mergeOnly = new Set<string>(["name", "email", "ownerId", "companyId"]);
  for (const field of SCALAR_FIELDS) {
    const incoming = row[field];
    if (!given(incoming)) continue;
    if (strategy === "MERGE" && (!mergeOnly.has(field) || !isBlank(existing[field]))) continue;
    if (existing[field] === incoming) continue;
    changes.push({ field, before: existing[field], after: incoming });
    (values as Record<string, unknown>)[field] = incoming;
  }
  for (const [key, incoming] of Object.entries(row.customFields ?? {})) {
    if (!given(incoming)) continue;
    const before = values.customFields[key];
    if (strategy === "MERGE" && !isBlank(before)) continue;
    if (before === incoming) continue;
    changes.push({ field: `customFields.${key}`, before: before ?? null, after: incoming });
    values.customFields[key] = incoming;
  }
  return { values, changes };
}

/**
 * The contacts that already have these phones, or (for rows without a phone) these emails, locked
 * (in id order, so concurrent batches can't deadlock).
 */
async function lockExisting(tx: Tx, organizationId: string, phones: string[], emails: string[]): Promise<ExistingContact[]> {
  if (phones.length === 0 && emails.length === 0) return [];
  return tx.$queryRawUnsafe<ExistingContact[]>(
    `SELECT "id", "phone", "name", "email", "stage"::text AS "stage", "temperature"::text AS "temperature", "score",
            "ownerId", "companyId", "customFields"
       FROM "Contact"
      WHERE "organizationId" = $1::uuid AND ("phone" = ANY($2::text[]) OR lower("email") = ANY($3::text[]))
      ORDER BY "id" FOR UPDATE`,
    organizationId,
    phones,
    emails,
  );
}

/** Who a row is within one call: its phone, or its email when it has none. */
function identityKey(row: IntakeRow): string {
  if (row.phone) return row.phone;
  if (row.email) return `email:${row.email}`;
  throw new Error("intakeContacts: a row needs a phone or an email");
}

/**
 * Creates or updates one contact per row (matched by phone in the organization).
 * Returns one outcome per row, in order. Call inside a transaction.
 */
export async function intakeContacts(tx: Tx, given: IntakeRow[], options: IntakeOptions): Promise<IntakeOutcome[]> {
  const { organizationId, strategy } = options;
  const outcomes: Array<IntakeOutcome | null> = given.map(() => null);
  const seen = new Set<string>();
  for (const row of given) {
    const key = identityKey(row);
    if (seen.has(key)) throw new Error(`intakeContacts: ${key} appears twice in one call`);
    seen.add(key);
  }
  const rows = await withoutTakenEmails(tx, organizationId, await toPrimaryIdentities(tx, organizationId, given, seen));
  const events: ContactEventInput[] = [];
  const tagLinks: Array<{ contactId: string; tagId: string; tagName: string; index: number }> = [];

  // Two passes at most: a contact created by someone else between our read and our insert is applied as existing.
  const newIds: string[] = [];
  let pending = rows.map((_, index) => index);
  for (let pass = 0; pass < 2 && pending.length > 0; pass += 1) {
    // With SKIP, the insert's ON CONFLICT DO NOTHING is the whole check: what it doesn't insert existed.
    const existing =
      strategy === "SKIP"
        ? []
        : await lockExisting(
            tx,
            organizationId,
            pending.flatMap((index) => (rows[index]!.phone ? [rows[index]!.phone!] : [])),
            pending.flatMap((index) => (rows[index]!.phone ? [] : [rows[index]!.email!])),
          );
    const existingByKey = new Map<string, ExistingContact>();
    for (const contact of existing) {
      if (contact.phone) existingByKey.set(contact.phone, contact);
      if (contact.email) existingByKey.set(`email:${contact.email.toLowerCase()}`, contact);
    }
    const updates: Array<{ id: string; values: ContactValues; changed: boolean }> = [];
    const inserts: number[] = [];

    for (const index of pending) {
      const row = rows[index]!;
      const contact = existingByKey.get(identityKey(row));
      if (!contact || strategy === "SKIP") {
        inserts.push(index);
        continue;
      }
      const { values, changes } = applyIntakeRow(contact, row, strategy);
      if (changes.length > 0 || options.touchActivity) updates.push({ id: contact.id, values, changed: changes.length > 0 });
      outcomes[index] = changes.length
        ? { outcome: "updated", contactId: contact.id, changes, tagsAdded: 0 }
        : { outcome: "unchanged", contactId: contact.id };
      events.push(...changeEvents(contact.id, changes, options.eventData));
      for (const tag of row.tags ?? []) tagLinks.push({ contactId: contact.id, tagId: tag.id, tagName: tag.name, index });
    }

    if (updates.length > 0) await updateContacts(tx, updates, options);

    // New contacts, their tags and their "created" event go in one statement.
    const created =
      inserts.length > 0 ? await insertContacts(tx, inserts.map((index) => ({ ...rows[index]!, id: (newIds[index] = timeOrderedId()) })), options) : [];
    const createdIds = new Set(created.map((contact) => contact.id));
    const raced: number[] = [];
    for (const index of inserts) {
      const contactId = createdIds.has(newIds[index]!) ? newIds[index]! : undefined;
      if (contactId) outcomes[index] = { outcome: "created", contactId };
      else if (strategy === "SKIP") outcomes[index] = { outcome: "skipped", contactId: null };
      else raced.push(index);
    }
    pending = raced;
  }
  for (const index of pending) {
    // Still racing after a second look: someone keeps creating it; leave it to them.
    outcomes[index] = { outcome: "skipped", contactId: null };
  }

  if (tagLinks.length > 0) {
    const added = await addTagLinks(tx, organizationId, tagLinks);
    for (const link of tagLinks) {
      const key = `${link.contactId}:${link.tagId}`;
      const held = added.get(key);
      if (held === undefined) continue;
      added.delete(key);
      const outcome = outcomes[link.index]!;
      if (outcome.outcome === "unchanged") outcomes[link.index] = { outcome: "updated", contactId: link.contactId, changes: [], tagsAdded: 1 };
      else if (outcome.outcome === "updated") outcome.tagsAdded += 1;
      events.push({
        contactId: link.contactId,
        type: "TAG_ADDED",
        data: { ...tagAddedEventData({ id: link.tagId, name: link.tagName }, held), ...options.eventData } as Prisma.InputJsonObject,
      });
    }
  }

  await insertEvents(tx, organizationId, options.actor, events);
  return outcomes as IntakeOutcome[];
}

/** The UPDATED event for the fields a row changed, and a STAGE_CHANGED event of its own for the stage (as changeStage writes it). */
function changeEvents(contactId: string, changes: FieldChange[], eventData: Prisma.InputJsonObject | undefined): ContactEventInput[] {
  const events: ContactEventInput[] = [];
  const fields = changes.filter((change) => change.field !== "stage");
  if (fields.length) events.push({ contactId, type: "UPDATED", data: { changes: fields, ...eventData } as Prisma.InputJsonObject });
  const stage = changes.find((change) => change.field === "stage");
  const stageEvent = stage && fieldChangeEvent(contactId, "stage", stage.before as ContactStage, stage.after as ContactStage);
  if (stageEvent) events.push({ ...stageEvent, data: { ...stageEvent.data, ...eventData } });
  return events;
}

/**
 * Puts tags on existing contacts by the addTag rules, set-based: returns the links
 * written, by "contactId:tagId", with what the contact held before (an AI tag, or null).
 */
async function addTagLinks(tx: Tx, organizationId: string, links: Array<{ contactId: string; tagId: string }>) {
  const pairs = Prisma.sql`SELECT DISTINCT x.contact_id, x.tag_id
      FROM unnest(${links.map((link) => link.contactId)}::uuid[], ${links.map((link) => link.tagId)}::uuid[]) AS x(contact_id, tag_id)`;
  const rows = await tx.$queryRaw<Array<{ contactId: string; tagId: string; heldSource: TagSource | null; heldConfidence: number | null }>>`
    WITH ${tagsToAddCte(organizationId, pairs)},
    ${tagsAddedCte(organizationId)}
    SELECT a."contactId", a."tagId", held.held_source::text AS "heldSource", held.held_confidence AS "heldConfidence"
      FROM tags_added a JOIN tags_to_add held ON held.contact_id = a."contactId" AND held.tag_id = a."tagId"`;
  return new Map(
    rows.map((row) => [
      `${row.contactId}:${row.tagId}`,
      row.heldSource === null ? null : { source: row.heldSource, confidence: row.heldConfidence },
    ]),
  );
}

/**
 * A row whose phone is another contact's secondary phone (kept from a merge)
 * is about that contact: it gets the contact's own phone, unless that phone
 * is in the call already (then the row stays as it is). A row with only an
 * email that is a contact's secondary email is about that contact the same way.
 */
async function toPrimaryIdentities(tx: Tx, organizationId: string, rows: IntakeRow[], keys: Set<string>): Promise<IntakeRow[]> {
  const phones = rows.flatMap((row) => (row.phone ? [row.phone] : []));
  const secondaryEmails = rows.flatMap((row) => (!row.phone && row.email ? [row.email] : []));
  const ownerOfPhone = await contactsOfSecondaryPhones(tx, { organizationId, phones });
  const ownerOfEmail = await contactsOfEmails(tx, { organizationId, emails: secondaryEmails, secondaryOnly: true });
  if (ownerOfPhone.size === 0 && ownerOfEmail.size === 0) return rows;
  const taken = new Set(keys);
  return rows.map((row) => {
    const contact = row.phone ? ownerOfPhone.get(row.phone) : ownerOfEmail.get(row.email!);
    if (!contact) return row;
    // Keyed by the contact's own identity from now on (a contact without a phone by its email).
    const key = contact.phone ?? `email:${contact.email}`;
    if (taken.has(key)) return row;
    taken.add(key);
    if (contact.phone) return row.phone ? { ...row, phone: contact.phone } : { ...row, phone: contact.phone, email: null };
    return { ...row, phone: null, email: contact.email };
  });
}

/**
 * An email is one contact's: a row keeps its email only when no other contact has it (as its own
 * or kept from a merge) and no earlier row of the call brings it. A row found by its email keeps it.
 */
async function withoutTakenEmails(tx: Tx, organizationId: string, rows: IntakeRow[]): Promise<IntakeRow[]> {
  const emails = rows.flatMap((row) => (row.phone && row.email ? [row.email] : []));
  if (emails.length === 0) return rows;
  const holders = await contactsOfEmails(tx, { organizationId, emails });
  const claimed = new Set(rows.flatMap((row) => (row.phone ? [] : [row.email!])));
  return rows.map((row) => {
    if (!row.phone || !row.email) return row;
    const holder = holders.get(row.email);
    // Held by the contact this row is about (same phone): nothing to check.
    const heldByOther = holder !== undefined && holder.phone !== row.phone;
    if (heldByOther || claimed.has(row.email)) return { ...row, email: null };
    claimed.add(row.email);
    return row;
  });
}

/** Timeline rows in one statement (recordContactEvents' columns, set-based for large batches). */
async function insertEvents(tx: Tx, organizationId: string, actor: Actor, events: ContactEventInput[]) {
  if (events.length === 0) return;
  if (events.length < 20) {
    await recordContactEvents(tx, organizationId, actor, events);
    return;
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "ContactEvent" ("id", "organizationId", "contactId", "type", "actorId", "actorLabel", "data")
     SELECT e.id, $1::uuid, e.contact_id, e.type, $2::uuid, $3, e.data
       FROM unnest($7::uuid[], $4::uuid[], $5::text[], $6::jsonb[]) AS e(id, contact_id, type, data)`,
    organizationId,
    actor.userId,
    actor.label ?? null,
    events.map((event) => event.contactId),
    events.map((event) => event.type),
    events.map((event) => JSON.stringify(event.data ?? {})),
    events.map(() => timeOrderedId()),
  );
}

async function updateContacts(tx: Tx, updates: Array<{ id: string; values: ContactValues; changed: boolean }>, options: IntakeOptions) {
  await tx.$executeRawUnsafe(
    `UPDATE "Contact" c SET
        "name" = u.name, "email" = u.email, "stage" = u.stage::"ContactStage",
        "temperature" = u.temperature::"Temperature", "score" = u.score, "ownerId" = u.owner_id,
        "companyId" = u.company_id, "customFields" = u.custom_fields,
        "version" = c."version" + CASE WHEN u.changed THEN 1 ELSE 0 END,
        "updatedById" = CASE WHEN u.changed THEN $3::uuid ELSE c."updatedById" END,
        "updatedAt" = now(),
        "lastActivityAt" = CASE WHEN $4::boolean THEN now() ELSE c."lastActivityAt" END
      FROM unnest($2::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::uuid[], $11::uuid[],
                  $12::jsonb[], $13::boolean[])
        AS u(id, name, email, stage, temperature, score, owner_id, company_id, custom_fields, changed)
     WHERE c."id" = u.id AND c."organizationId" = $1::uuid`,
    options.organizationId,
    updates.map((u) => u.id),
    options.actor.userId,
    options.touchActivity ?? false,
    updates.map((u) => u.values.name),
    updates.map((u) => u.values.email),
    updates.map((u) => u.values.stage),
    updates.map((u) => u.values.temperature),
    updates.map((u) => u.values.score),
    updates.map((u) => u.values.ownerId),
    updates.map((u) => u.values.companyId),
    updates.map((u) => JSON.stringify(u.values.customFields)),
    updates.map((u) => u.changed),
  );
}

/** Inserts new contacts (with the ids given) with their tags and "created" timeline event; returns those actually inserted. */
async function insertContacts(tx: Tx, rows: Array<IntakeRow & { id: string }>, options: IntakeOptions) {
  const tagContactIds: string[] = [];
  const tagIds: string[] = [];
  for (const row of rows) {
    for (const tag of row.tags ?? []) {
      tagContactIds.push(row.id);
      tagIds.push(tag.id);
    }
  }
  return tx.$queryRawUnsafe<Array<{ id: string }>>(
    `WITH input AS (
       SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::uuid[],
                            $11::uuid[], $12::jsonb[], $18::uuid[], $19::uuid[])
         AS u(phone, name, email, source, stage, temperature, score, owner_id, company_id, custom_fields, id, event_id)
     ), inserted AS (
       INSERT INTO "Contact" ("id", "organizationId", "phone", "name", "email", "source", "stage", "temperature", "score",
                              "ownerId", "companyId", "customFields", "updatedById", "updatedAt")
       SELECT u.id, $1::uuid, u.phone, u.name, u.email, u.source::"ContactSource", u.stage::"ContactStage",
              u.temperature::"Temperature", u.score, u.owner_id, u.company_id, u.custom_fields, $2::uuid, now()
         FROM input u
       -- A phone or an email someone else has just taken: not inserted here (the caller looks again).
       ON CONFLICT DO NOTHING
       RETURNING "id"
     ), tagged AS (
       INSERT INTO "ContactTag" ("organizationId", "contactId", "tagId")
       SELECT $1::uuid, i."id", t.tag_id
         FROM unnest($13::uuid[], $14::uuid[]) AS t(contact_id, tag_id) JOIN inserted i ON i."id" = t.contact_id
       ON CONFLICT DO NOTHING
     ), logged AS (
       INSERT INTO "ContactEvent" ("id", "organizationId", "contactId", "type", "actorId", "actorLabel", "data")
       SELECT u.event_id, $1::uuid, i."id", $15, $2::uuid, $16, $17::jsonb FROM inserted i JOIN input u ON u.id = i."id"
     )
     SELECT "id" FROM inserted`,
    options.organizationId,
    options.actor.userId,
    rows.map((row) => row.phone),
    rows.map((row) => (given(row.name) ? row.name : row.phone ? formatPhone(row.phone) : row.email)),
    rows.map((row) => (given(row.email) ? row.email : null)),
    rows.map((row) => row.source ?? options.defaultSource),
    rows.map((row) => row.stage ?? "NEW"),
    rows.map((row) => row.temperature ?? "COLD"),
    rows.map((row) => row.score ?? 0),
    rows.map((row) => row.ownerId ?? null),
    rows.map((row) => row.companyId ?? null),
    rows.map((row) => JSON.stringify(row.customFields ?? {})),
    tagContactIds,
    tagIds,
    options.createdEvent.type,
    options.actor.label ?? null,
    JSON.stringify(options.createdEvent.data ?? {}),
    rows.map((row) => row.id),
    rows.map(() => timeOrderedId()),
  );
}
