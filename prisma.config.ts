import { defineConfig } from "prisma/config";

// The datasource URL is only needed by `prisma migrate deploy` on machines
// that can run Prisma's schema engine; the app itself connects through
// @prisma/adapter-pg (app/utils/db.server.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/leadlane" },
});
