-- Websites (origins like https://shop.example.in) allowed to post to a web form
-- from the browser; empty means any website.
-- AlterTable
ALTER TABLE "WebForm" ADD COLUMN     "allowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];
