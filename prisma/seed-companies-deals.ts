import type { PrismaClient } from "../app/generated/prisma/client";
import type { WorkspaceSeedContext } from "./seed-workspace";

export async function seedCompaniesAndDeals(_db: PrismaClient, _context: WorkspaceSeedContext): Promise<void> {
  // Filled in with the feature.
}
