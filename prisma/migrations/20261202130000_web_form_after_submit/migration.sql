-- What a visitor's browser sees after a plain HTML form post is accepted:
-- a thank-you page (new default), back to the posting page with
-- ?leadlane=thanks, or the form's redirect address (forms that have one keep it).
-- CreateEnum
CREATE TYPE "WebFormAfterSubmit" AS ENUM ('THANK_YOU_PAGE', 'BACK_TO_PAGE', 'REDIRECT');

-- AlterTable
ALTER TABLE "WebForm" ADD COLUMN     "afterSubmit" "WebFormAfterSubmit" NOT NULL DEFAULT 'THANK_YOU_PAGE';

UPDATE "WebForm" SET "afterSubmit" = 'REDIRECT' WHERE "redirectUrl" IS NOT NULL;
