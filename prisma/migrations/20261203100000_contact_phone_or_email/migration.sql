-- A contact is known by a phone or by an email (decision 53): the phone becomes
-- optional, each is unique in an organization when present, and a contact has
-- at least one of them.

-- AlterTable
ALTER TABLE "Contact" ALTER COLUMN "phone" DROP NOT NULL;

-- "Contact_organizationId_phone_key" stays as it is: a unique index lets any
-- number of contacts have no phone (NULLs are distinct).

-- At least one way to reach the contact.
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_phone_or_email_check" CHECK ("phone" IS NOT NULL OR "email" IS NOT NULL);

-- Until now two contacts could share an email. The oldest contact (by
-- "createdAt", then id) keeps it; it is cleared on the later ones, each of
-- which gets a timeline entry naming the email and the contact that kept it.
-- Every existing contact has a phone, so clearing its email never breaks the
-- check above. Emails are stored lowercased; lower() also catches any that
-- were not.
CREATE TEMPORARY TABLE "contact_email_duplicate" ON COMMIT DROP AS
SELECT "id", "organizationId", "email", "keptById", "keptByName"
  FROM (
    SELECT c."id", c."organizationId", c."email",
           first_value(c."id") OVER w AS "keptById",
           first_value(c."name") OVER w AS "keptByName",
           row_number() OVER w AS "position"
      FROM "Contact" c
     WHERE c."email" IS NOT NULL
    WINDOW w AS (PARTITION BY c."organizationId", lower(c."email") ORDER BY c."createdAt", c."id")
  ) ranked
 WHERE "position" > 1;

INSERT INTO "ContactEvent" ("organizationId", "contactId", "type", "actorLabel", "data")
SELECT d."organizationId", d."id", 'EMAIL_CLEARED_DUPLICATE', 'Leadlane',
       jsonb_build_object('email', d."email", 'keptBy', jsonb_build_object('id', d."keptById", 'name', d."keptByName"))
  FROM "contact_email_duplicate" d;

UPDATE "Contact" c SET "email" = NULL, "version" = c."version" + 1, "updatedAt" = CURRENT_TIMESTAMP
  FROM "contact_email_duplicate" d
 WHERE c."id" = d."id";

-- An email belongs to one contact of an organization, whatever its case
-- (SQL only: Prisma cannot express an expression or a partial index; listed in
-- the drift test).
CREATE UNIQUE INDEX "Contact_organizationId_email_lower_key" ON "Contact"("organizationId", lower("email")) WHERE "email" IS NOT NULL;
