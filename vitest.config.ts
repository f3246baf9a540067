import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": path.resolve(import.meta.dirname, "app") },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "jobs/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["app/testing/global-setup.ts"],
    setupFiles: ["app/testing/database-per-file.ts"],
    pool: "forks",
    // Each test file gets its own process and database; on a 2-core machine the default of
    // (cores - 1) workers leaves one core idle while a file starts up (decision 109).
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
