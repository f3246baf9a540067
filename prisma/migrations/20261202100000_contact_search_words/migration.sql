-- Search by the start of any word of a contact's name or of its email's local
-- part ("sharma" finds "Ananya Sharma" and "ananya.sharma92@gmail.com").
--
-- The words live in "ContactSearchWord", one row per distinct word per contact,
-- written only by the triggers below, so every write to "Contact" (the app,
-- imports, merges, bulk actions, raw SQL) keeps them right. Words are split
-- on explicit separators, not on the locale's idea of a letter: in the C
-- locale pg_trgm, the text-search parser and [[:alpha:]] treat Devanagari as
-- punctuation, and vowel signs (matras) would cut words apart. Keep the
-- separators in step with SEARCH_WORD_SEPARATORS in app/models/contact-query.server.ts
-- (a test compares the two over every character).

-- Letters A–Z fold to a–z (everywhere, whatever the database's locale); other
-- text is brought to Unicode NFC so a name typed with composed or decomposed
-- marks is the same word. Pure ASCII skips the (slower) normalization.
CREATE FUNCTION "contact_search_fold"(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(
        CASE WHEN octet_length(value) = char_length(value) THEN value ELSE normalize(value, NFC) END,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');

-- The words of a name and an email's local part (may hold '' and repeats).
-- Separators: ASCII other than letters and digits, Latin-1 punctuation and
-- symbols, × ÷, the Devanagari danda and double danda, general punctuation and
-- spaces (but not the zero-width joiners Indic scripts use inside words),
-- ideographic and full-width punctuation, and the byte-order mark.
CREATE FUNCTION "contact_search_words"(name TEXT, email TEXT) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_split_to_array(
        "contact_search_fold"(coalesce(name, '') || ' ' || coalesce(split_part(email, '@', 1), '')),
        '[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u0964\u0965\u2000-\u200b\u200e-\u206f\u3000-\u3003\ufeff\uff01-\uff0f\uff1a-\uff20]+');

-- CreateTable (word and previousWord in byte order, so prefix ranges use the index in any locale)
CREATE TABLE "ContactSearchWord" (
    "organizationId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "word" TEXT COLLATE "C" NOT NULL,
    "previousWord" TEXT COLLATE "C" NOT NULL
);

-- The words of the contacts there are (before the indexes: a sorted build is faster).
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';
INSERT INTO "ContactSearchWord" ("organizationId", "contactId", "word", "previousWord")
SELECT d."organizationId", d."contactId", d."word", coalesce(lag(d."word") OVER (PARTITION BY d."contactId" ORDER BY d."word"), '')
  FROM (SELECT DISTINCT c."organizationId", c."id" AS "contactId", w."word" COLLATE "C" AS "word"
          FROM "Contact" c CROSS JOIN LATERAL unnest("contact_search_words"(c."name", c."email")) AS w("word")
         WHERE w."word" <> '') AS d;

-- AddPrimaryKey
ALTER TABLE "ContactSearchWord" ADD CONSTRAINT "ContactSearchWord_pkey" PRIMARY KEY ("organizationId", "contactId", "word");

-- CreateIndex
CREATE INDEX "ContactSearchWord_organizationId_word_previousWord_contactI_idx" ON "ContactSearchWord"("organizationId", "word", "previousWord", "contactId");

-- AddForeignKey
ALTER TABLE "ContactSearchWord" ADD CONSTRAINT "ContactSearchWord_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- New contacts, once per statement (an import batch is one set-based insert).
CREATE FUNCTION "contact_search_words_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ContactSearchWord" ("organizationId", "contactId", "word", "previousWord")
  SELECT d."organizationId", d."contactId", d."word", coalesce(lag(d."word") OVER (PARTITION BY d."contactId" ORDER BY d."word"), '')
    FROM (SELECT DISTINCT c."organizationId", c."id" AS "contactId", w."word" COLLATE "C" AS "word"
            FROM "inserted" c CROSS JOIN LATERAL unnest("contact_search_words"(c."name", c."email")) AS w("word")
           WHERE w."word" <> '') AS d;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Contact_search_words_insert" AFTER INSERT ON "Contact"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "contact_search_words_inserted"();

-- A changed name or email: its words again (only rows whose name or email really changed).
CREATE FUNCTION "contact_search_words_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContactSearchWord" WHERE "organizationId" = OLD."organizationId" AND "contactId" = OLD."id";
  INSERT INTO "ContactSearchWord" ("organizationId", "contactId", "word", "previousWord")
  SELECT NEW."organizationId", NEW."id", d."word", coalesce(lag(d."word") OVER (ORDER BY d."word"), '')
    FROM (SELECT DISTINCT w."word" COLLATE "C" AS "word"
            FROM unnest("contact_search_words"(NEW."name", NEW."email")) AS w("word")
           WHERE w."word" <> '') AS d;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Contact_search_words_update" AFTER UPDATE OF "name", "email" ON "Contact"
    FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email")
    EXECUTE FUNCTION "contact_search_words_updated"();

-- Deleted contacts (one by one, in bulk, by a merge or with their organization), once per statement.
CREATE FUNCTION "contact_search_words_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContactSearchWord" w USING "deleted" c
   WHERE w."organizationId" = c."organizationId" AND w."contactId" = c."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Contact_search_words_delete" AFTER DELETE ON "Contact"
    REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "contact_search_words_deleted"();
