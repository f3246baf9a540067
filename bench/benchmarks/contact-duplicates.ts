// Issue 7 item 10, "find duplicates" at 1,000,000 contacts in one organization.
//
// `contact.duplicates` with similarNames (phone last 10 digits, email, and a
// trigram-similar name through the GiST index Contact_organizationId_name_similarity_idx)
// through createCaller, for contacts picked across the organization; baseline:
// the same procedure without names (phone and email only, what the contact page
// loads). The generated names are few and repeat a lot (about 5,000 distinct),
// so every existing name has many exact look-alikes and the nearest-first scan
// stops early. A second set times names that are like nothing in the data
// (the index has to rule out every subtree): the slow end of the query.
import { randomUUID } from "node:crypto";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { ownerContext, seededRandom } from "../lib/leads";
import { latencyFigures, measureInterleaved, type Figure } from "../lib/measure";

const SAMPLE = 48;

function unlikelyName(random: () => number): string {
  const word = (length: number) =>
    Array.from({ length }, () => String.fromCharCode(97 + Math.floor(random() * 26)))
      .join("")
      .replace(/^./, (c) => c.toUpperCase());
  return `${word(5 + Math.floor(random() * 4))} ${word(6 + Math.floor(random() * 5))}`;
}

export async function runContactDuplicates(context: BenchContext) {
  const { log, iterations } = context;
  const org = context.dataset.main;
  const { createCaller } = await import("../../app/trpc/root.server");
  const { listPossibleDuplicates } = await import("../../app/models/contact-duplicates.server");
  const caller = createCaller(ownerContext(context));
  const { rows: picked } = await context.pool.query<{ id: string; name: string }>(
    `SELECT "id", "name" FROM "Contact" WHERE "organizationId" = $1 ORDER BY md5("id"::text) LIMIT ${SAMPLE}`,
    [org.id],
  );
  const random = seededRandom(10);
  const unlikely = Array.from({ length: SAMPLE / 2 }, () => unlikelyName(random));

  const found: Record<string, number> = {};
  for (const contact of picked.slice(0, 8)) found[contact.name] = (await caller.contact.duplicates({ id: contact.id, similarNames: true })).length;
  log(`duplicates: ${JSON.stringify(found)}`);

  const existing = await measureInterleaved(
    {
      withNames: async (i) => (await caller.contact.duplicates({ id: picked[i % picked.length]!.id, similarNames: true })).length,
      phoneAndEmail: async (i) => (await caller.contact.duplicates({ id: picked[i % picked.length]!.id })).length,
    },
    { warmup: Math.min(SAMPLE, iterations), iterations },
  );
  const byName = (name: string, similarNames: boolean) =>
    listPossibleDuplicates(context.db, { organizationId: org.id, id: randomUUID(), phones: ["+919999999999"], emails: [], name, similarNames });
  const rare = await measureInterleaved(
    {
      withNames: async (i) => (await byName(unlikely[i % unlikely.length]!, true)).length,
      phoneAndEmail: async (i) => (await byName(unlikely[i % unlikely.length]!, false)).length,
    },
    { warmup: Math.min(unlikely.length, iterations), iterations },
  );
  log(`existing contacts: p95 ${existing.withNames.p95.toFixed(1)} ms with names, ${existing.phoneAndEmail.p95.toFixed(1)} ms without`);
  log(`unlikely names: p95 ${rare.withNames.p95.toFixed(1)} ms with names, ${rare.phoneAndEmail.p95.toFixed(1)} ms without`);

  const label = "same, phone and email only";
  const figures: Figure[] = [
    ...latencyFigures("duplicates of existing contacts", existing.withNames, existing.phoneAndEmail, ["p50", "p95", "p99"], label),
    ...latencyFigures("duplicates of an unlikely name", rare.withNames, rare.phoneAndEmail, ["p50", "p95", "p99"], label),
  ];
  return { figures, details: { picked: picked.map((c) => c.name), unlikely, found, existing, rare } };
}

export const contactDuplicates: Benchmark = {
  name: "contact-duplicates",
  description: "contact.duplicates with similar names (trigram GiST, nearest first) vs phone and email only",
  defaultIterations: 200,
  defaultContacts: 1_000_000,
  run: runContactDuplicates,
};
