// `npm run db:seed`: adds the demo organization unless the database already has data.
import { createPrismaClient } from "../app/utils/db.server";
import { isDatabaseEmpty, seedDemoData } from "../prisma/seed";
import { prepareRuntime, printDemoCredentials } from "./lib/runtime";

const { database } = await prepareRuntime({ seed: false, dataDir: process.env.LEADLANE_DATA_DIR });
const db = createPrismaClient(database.url, 2);
if (await isDatabaseEmpty(db)) {
  await seedDemoData(db);
  console.log("[db] demo data seeded");
  printDemoCredentials();
} else {
  console.log("[db] the database already has data; seed skipped");
}
await db.$disconnect();
await database.stop();
