// Sign-in while someone floods it: an owner signs in with the right password
// (the app's own authenticator: form parsing, throttling, argon2id) while a
// burst of 80 failed sign-ins from one address is in flight — on one account
// (guessing a password), or on 80 accounts (credential stuffing). Baseline: the
// same sign-in with no failures running. Target: the flood adds at most 1 s.
import { authenticator } from "../../app/services/authenticator.server";
import { DEFAULT_TEST_PASSWORD } from "../../prisma/factories";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { figure, latencyFigures, summarize, withTarget, type Figure, type Stats } from "../lib/measure";

const BURST = 80;
const ATTACKER_IP = "198.51.100.66";
const VICTIM_IP = "203.0.113.10";
const TARGET_EXTRA_MS = 1_000;

type Attempt = { ok: boolean; status: number | null; ms: number };

function signInRequest(email: string, password: string, ip: string): Request {
  return new Request("http://bench.leadlane.local/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-leadlane-client-ip": ip },
    body: new URLSearchParams({ email, password, redirectTo: "" }),
  });
}

async function attempt(email: string, password: string, ip: string): Promise<Attempt> {
  const started = performance.now();
  try {
    await authenticator.authenticate("password", signInRequest(email, password, ip));
    return { ok: true, status: null, ms: performance.now() - started };
  } catch (error) {
    const status = (error as { status?: number }).status ?? null;
    return { ok: false, status, ms: performance.now() - started };
  }
}

/** Removes the counters this benchmark leaves, so every round starts from the same state. */
async function resetCounters(context: BenchContext, emails: string[]) {
  await context.pool.query(`DELETE FROM rate_limit WHERE key LIKE 'signin\\_%' AND split_part(key, ':', 2) = ANY($1)`, [
    [...emails, ATTACKER_IP, VICTIM_IP],
  ]);
}

type FloodRound = { victim: Attempt; burstMs: number; evaluated: number; refused: number };

async function floodRound(victimEmail: string, targets: (i: number) => string): Promise<FloodRound> {
  const started = performance.now();
  const burst = Promise.all(Array.from({ length: BURST }, (_, i) => attempt(targets(i), `wrong-guess-${i}`, ATTACKER_IP)));
  // The owner's sign-in starts once every guess of the burst has started.
  await new Promise((resolve) => setImmediate(resolve));
  const victim = await attempt(victimEmail, DEFAULT_TEST_PASSWORD, VICTIM_IP);
  const outcomes = await burst;
  return {
    victim,
    burstMs: performance.now() - started,
    evaluated: outcomes.filter((o) => o.status === 401).length,
    refused: outcomes.filter((o) => o.status === 429).length,
  };
}

export const signInThrottle: Benchmark = {
  name: "sign-in-throttle",
  description: `An owner's sign-in while ${BURST} failed sign-ins from one address run at once (one account; ${BURST} accounts) vs the same sign-in alone`,
  defaultIterations: 30,
  defaultContacts: 1_000,
  async run(context) {
    const { iterations, log, dataset } = context;
    const owner = await context.db.user.findFirstOrThrow({
      where: { memberships: { some: { organizationId: dataset.main.id, role: "OWNER" } } },
      select: { email: true },
    });
    const victimEmail = owner.email;
    const guessedEmail = "guessed@flood.bench.leadlane.in";
    const stuffedEmails = Array.from({ length: BURST }, (_, i) => `stuffed-${i}@flood.bench.leadlane.in`);
    const allEmails = [victimEmail, guessedEmail, ...stuffedEmails];
    await resetCounters(context, allEmails);
    try {
      const check = await attempt(victimEmail, DEFAULT_TEST_PASSWORD, VICTIM_IP);
      if (!check.ok) throw new Error(`the bench owner ${victimEmail} could not sign in (status ${check.status})`);

      log(`baseline: ${iterations} sign-ins with nothing else running`);
      for (let i = 0; i < 5; i++) await attempt(victimEmail, DEFAULT_TEST_PASSWORD, VICTIM_IP);
      const alone: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const result = await attempt(victimEmail, DEFAULT_TEST_PASSWORD, VICTIM_IP);
        if (!result.ok) throw new Error("the baseline sign-in failed");
        alone.push(result.ms);
      }

      const rounds = async (label: string, targets: (i: number) => string) => {
        log(`${label}: ${iterations} rounds of ${BURST} failed sign-ins from ${ATTACKER_IP}, the owner signing in meanwhile`);
        const results: FloodRound[] = [];
        for (let i = 0; i < iterations; i++) {
          // Each round's burst is a fresh one (the counters would otherwise refuse it outright after a few rounds).
          await resetCounters(context, allEmails);
          const round = await floodRound(victimEmail, targets);
          if (!round.victim.ok) throw new Error(`the owner's sign-in was refused during the flood (status ${round.victim.status})`);
          results.push(round);
        }
        return results;
      };
      const oneAccount = await rounds("one account", () => guessedEmail);
      const manyAccounts = await rounds(`${BURST} accounts`, (i) => stuffedEmails[i]!);

      const baseline = summarize(alone);
      const victimStats = (results: FloodRound[]): Stats => summarize(results.map((r) => r.victim.ms));
      const one = victimStats(oneAccount);
      const many = victimStats(manyAccounts);
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const baselineLabel = "the same sign-in, nothing else running";
      const figures: Figure[] = [
        ...latencyFigures("sign-in alone", baseline, baseline, ["p50", "p95", "max"], baselineLabel),
        ...latencyFigures(`sign-in during ${BURST} guesses on one account`, one, baseline, ["p50", "p95", "max"], baselineLabel),
        withTarget(figure(`  added by the flood (one account, max − baseline p50)`, one.max - baseline.p50, "ms"), "atMost", TARGET_EXTRA_MS),
        ...latencyFigures(`sign-in during ${BURST} failures on ${BURST} accounts`, many, baseline, ["p50", "p95", "max"], baselineLabel),
        withTarget(figure(`  added by the flood (${BURST} accounts, max − baseline p50)`, many.max - baseline.p50, "ms"), "atMost", TARGET_EXTRA_MS),
        figure(`password checks per burst (one account)`, mean(oneAccount.map((r) => r.evaluated)), "checks"),
        figure(`refused at once per burst (one account)`, mean(oneAccount.map((r) => r.refused)), "attempts"),
        figure(`password checks per burst (${BURST} accounts)`, mean(manyAccounts.map((r) => r.evaluated)), "checks"),
        figure(`burst duration (${BURST} accounts) p50`, summarize(manyAccounts.map((r) => r.burstMs)).p50, "ms"),
      ];
      return {
        figures,
        details: {
          burst: BURST,
          baseline,
          oneAccount: { victim: one, rounds: oneAccount },
          manyAccounts: { victim: many, rounds: manyAccounts },
        },
      };
    } finally {
      await resetCounters(context, allEmails);
    }
  },
};
