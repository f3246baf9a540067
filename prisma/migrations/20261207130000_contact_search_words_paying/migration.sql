-- A payments search meets only the contacts that have payments: the words of
-- those contacts get their own (partial) index. A word thousands of contacts
-- share is shared by a fraction of them among the paying ones ("aarav": 70,527
-- contacts of a million, 10,150 of them with payments), and the totals of such
-- a search look up the payments of each paying match instead of reading every
-- payment of the organization (p50 37 ms against 52–67 ms, measured alone).
--
-- "Contact"."hasPayments" turns true with a contact's first payment (inserted
-- for it, or moved to it by a merge) and stays true: a payment moved away or
-- deleted leaves a contact whose paying words match no payment, which costs a
-- lookup and changes no answer. "ContactSearchWord"."paying" copies it, written
-- by the same triggers that write the words.
--
-- Why the flag goes through the contact's row: a rename rewrites the contact's
-- words while it holds that row, and the first payment's trigger updates the
-- same row, so the two wait for each other and the second sees the first's
-- words (or its flag). Flagging the word rows directly would let a payment
-- committed during a rename flag the words the rename deleted and miss the
-- ones it wrote.

ALTER TABLE "Contact" ADD COLUMN "hasPayments" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ContactSearchWord" ADD COLUMN "paying" BOOLEAN NOT NULL DEFAULT false;

-- The contacts with payments already, and their words (before the triggers below exist).
UPDATE "Contact" c SET "hasPayments" = true
 WHERE EXISTS (SELECT 1 FROM "Payment" p WHERE p."organizationId" = c."organizationId" AND p."contactId" = c."id");
UPDATE "ContactSearchWord" w SET "paying" = true
  FROM "Contact" c
 WHERE c."organizationId" = w."organizationId" AND c."id" = w."contactId" AND c."hasPayments";

-- New contacts' words carry their flag (false, unless written with it).
CREATE OR REPLACE FUNCTION "contact_search_words_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContactSearchWord" ("organizationId", "contactId", "word", "previousWord", "paying")
  SELECT d."organizationId", d."contactId", d."word", coalesce(lag(d."word") OVER (PARTITION BY d."contactId" ORDER BY d."word"), ''), d."paying"
    FROM (SELECT DISTINCT c."organizationId", c."id" AS "contactId", w."word" COLLATE "C" AS "word", c."hasPayments" AS "paying"
            FROM "inserted" c CROSS JOIN LATERAL unnest("contact_search_words"(c."name", c."email")) AS w("word")
           WHERE w."word" <> '') AS d;
  RETURN NULL;
END
$$;

-- A renamed contact's new words carry the flag of the row as renamed.
CREATE OR REPLACE FUNCTION "contact_search_words_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContactSearchWord" WHERE "organizationId" = OLD."organizationId" AND "contactId" = OLD."id";
  INSERT INTO "ContactSearchWord" ("organizationId", "contactId", "word", "previousWord", "paying")
  SELECT NEW."organizationId", NEW."id", d."word", coalesce(lag(d."word") OVER (ORDER BY d."word"), ''), NEW."hasPayments"
    FROM (SELECT DISTINCT w."word" COLLATE "C" AS "word"
            FROM unnest("contact_search_words"(NEW."name", NEW."email")) AS w("word")
           WHERE w."word" <> '') AS d;
  RETURN NULL;
END
$$;

-- The first payment: the contact's words are flagged.
CREATE FUNCTION "contact_search_words_paying"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContactSearchWord" SET "paying" = true
   WHERE "organizationId" = NEW."organizationId" AND "contactId" = NEW."id" AND NOT "paying";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Contact_search_words_paying" AFTER UPDATE OF "hasPayments" ON "Contact"
    FOR EACH ROW WHEN (NEW."hasPayments" AND NOT OLD."hasPayments")
    EXECUTE FUNCTION "contact_search_words_paying"();

-- Payments inserted for contacts (once per statement: seeds and imports insert many).
CREATE FUNCTION "payment_contacts_flagged_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Contact" c SET "hasPayments" = true
    FROM (SELECT DISTINCT i."organizationId", i."contactId" FROM "inserted" i WHERE i."contactId" IS NOT NULL) p
   WHERE c."organizationId" = p."organizationId" AND c."id" = p."contactId" AND NOT c."hasPayments";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_contacts_flagged_insert" AFTER INSERT ON "Payment"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "payment_contacts_flagged_inserted"();

-- A payment matched to a contact later, or moved to another by a merge.
CREATE FUNCTION "payment_contact_flagged_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Contact" SET "hasPayments" = true
   WHERE "organizationId" = NEW."organizationId" AND "id" = NEW."contactId" AND NOT "hasPayments";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_contact_flagged_update" AFTER UPDATE OF "contactId" ON "Payment"
    FOR EACH ROW WHEN (NEW."contactId" IS NOT NULL AND NEW."contactId" IS DISTINCT FROM OLD."contactId")
    EXECUTE FUNCTION "payment_contact_flagged_updated"();

-- CreateIndex (the words of contacts with payments, for the payments page's searches)
CREATE INDEX "ContactSearchWord_paying_word_idx" ON "ContactSearchWord" ("organizationId", "word", "previousWord", "contactId") WHERE "paying";
