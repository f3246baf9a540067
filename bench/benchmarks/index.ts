// Every benchmark `npm run bench -- <name>` can run. Add new ones here.
// Loaded on demand, so a benchmark whose app code does not import today does
// not stop the others from running.
import type { Benchmark } from "../lib/benchmark";

export const benchmarks: Record<string, () => Promise<Benchmark>> = {
  "session-lookup": () => import("./session-lookup").then((module) => module.sessionLookup),
  "contacts-page": () => import("./contacts-page").then((module) => module.contactsPage),
};
