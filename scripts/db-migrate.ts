// `npm run db:migrate`: applies pending migrations (embedded server when DATABASE_URL is unset).
import { prepareRuntime } from "./lib/runtime";

const { database } = await prepareRuntime({ seed: false, dataDir: process.env.LEADLANE_DATA_DIR });
console.log("[db] migrations are up to date");
await database.stop();
