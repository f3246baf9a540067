// Every benchmark `npm run bench -- <name>` can run. Add new ones here.
// Loaded on demand, so a benchmark whose app code does not import today does
// not stop the others from running.
import type { Benchmark } from "../lib/benchmark";

export const benchmarks: Record<string, () => Promise<Benchmark>> = {
  "session-lookup": () => import("./session-lookup").then((module) => module.sessionLookup),
  "contacts-page": () => import("./contacts-page").then((module) => module.contactsPage),
  "leads-list": () => import("./leads-list").then((module) => module.leadsList),
  "leads-search": () => import("./leads-search").then((module) => module.leadsSearch),
  "leads-bulk-tag": () => import("./leads-bulk-tag").then((module) => module.leadsBulkTag),
  "leads-export": () => import("./leads-export").then((module) => module.leadsExport),
  "leads-import": () => import("./leads-import").then((module) => module.leadsImport),
  "leads-all": () => import("./leads-all").then((module) => module.leadsAll),
  "contact-duplicates": () => import("./contact-duplicates").then((module) => module.contactDuplicates),
  "sign-in-throttle": () => import("./sign-in-throttle").then((module) => module.signInThrottle),
  "messages-ingest": () => import("./messages-ingest").then((module) => module.messagesIngest),
  "payments-webhooks": () => import("./payments-webhooks").then((module) => module.paymentsWebhooks),
  "messages-send": () => import("./messages-send").then((module) => module.messagesSend),
  inbox: () => import("./inbox").then((module) => module.inboxBench),
  "payments-page": () => import("./payments-page").then((module) => module.paymentsPage),
};
