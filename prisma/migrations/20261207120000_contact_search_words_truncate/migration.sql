-- "ContactSearchWord" has no foreign key (its rows are written and removed by
-- the triggers on "Contact"), so TRUNCATE "Contact" (or "Organization" …
-- CASCADE) left every word behind: rows of no contact, in the index that every
-- word search reads. A truncated "Contact" now leaves no words, as a truncated
-- "Payment" leaves no daily totals.
CREATE FUNCTION "contact_search_words_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "ContactSearchWord";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Contact_search_words_truncate" AFTER TRUNCATE ON "Contact"
    FOR EACH STATEMENT EXECUTE FUNCTION "contact_search_words_truncated"();

-- Words left by truncations before this migration.
DELETE FROM "ContactSearchWord" w
 WHERE NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."organizationId" = w."organizationId" AND c."id" = w."contactId");
