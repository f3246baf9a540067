import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { authenticator, INVALID_CREDENTIALS, SignInError } from "~/services/authenticator.server";
import { ACCOUNT_FAILURES_PER_HOUR, IP_FAILURES_PER_HOUR } from "~/services/login-throttle.server";
import { createOrganization, createUser, DEFAULT_TEST_PASSWORD } from "../../prisma/factories";

let ipCounter = 0;
/** Each test uses its own client address, so the per-IP ceiling of one test cannot leak into another. */
function freshIp() {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

function signInRequest(fields: Record<string, string>, ip: string) {
  return new Request("http://localhost:3000/login", {
    method: "POST",
    headers: { "x-leadlane-client-ip": ip },
    body: new URLSearchParams(fields),
  });
}

async function attempt(email: string, password: string, ip: string) {
  return authenticator.authenticate("password", signInRequest({ email, password }, ip)).then(
    (user) => ({ ok: true as const, user }),
    (error: unknown) => {
      if (!(error instanceof SignInError)) throw error;
      return { ok: false as const, error };
    },
  );
}

async function expectRefused(email: string, password: string, ip: string, status: number) {
  const result = await attempt(email, password, ip);
  expect(result.ok, `expected a ${status}, but ${email} was signed in`).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expect(result.error.status).toBe(status);
  return result.error;
}

function uniqueEmail(label: string) {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

/** Writes a counter row exactly as rate-limiter-flexible's Postgres store keeps it. */
async function presetCounter(key: string, points: number, secondsLeft: number) {
  const expire = BigInt(Date.now() + secondsLeft * 1000);
  await prisma.rateLimit.upsert({
    where: { key },
    create: { key, points, expire },
    update: { points, expire },
  });
}

describe("signing in with email and password", () => {
  test("the right password signs in, with any email case, and names the first organization", async () => {
    const { owner, organization } = await createOrganization(prisma, { owner: { email: uniqueEmail("owner") } });
    const user = await authenticator.authenticate(
      "password",
      signInRequest({ email: `  ${owner.email.toUpperCase()} `, password: DEFAULT_TEST_PASSWORD }, freshIp()),
    );
    expect(user).toEqual({ id: owner.id, email: owner.email, defaultOrganizationId: organization.id });
  });

  test("a person without organizations signs in with no default organization", async () => {
    const user = await createUser(prisma);
    const result = await attempt(user.email, DEFAULT_TEST_PASSWORD, freshIp());
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, defaultOrganizationId: null } });
  });

  test("a wrong password and an unknown email get the very same answer", async () => {
    const user = await createUser(prisma);
    const ip = freshIp();
    const wrongPassword = await expectRefused(user.email, "not-the-password", ip, 401);
    const unknownEmail = await expectRefused(uniqueEmail("nobody"), DEFAULT_TEST_PASSWORD, ip, 401);

    expect(wrongPassword.message).toBe(INVALID_CREDENTIALS);
    expect(unknownEmail.message).toBe(INVALID_CREDENTIALS);
    expect({ ...wrongPassword, message: wrongPassword.message }).toEqual({
      ...unknownEmail,
      message: unknownEmail.message,
    });
    expect(wrongPassword.fieldErrors).toEqual({});
    expect(wrongPassword.retryAfterSeconds).toBeUndefined();
  });

  test("a malformed form is a 400 with field errors and counts no failure", async () => {
    const ip = freshIp();
    const error = await expectRefused("not-an-email", "", ip, 400);
    expect(error.fieldErrors).toEqual({
      email: "Enter a valid email address, like priya@example.com",
      password: "Enter your password",
    });
    expect(await prisma.rateLimit.count({ where: { key: { endsWith: ip } } })).toBe(0);
  });
});

describe("sign-in throttling", () => {
  beforeEach(() => {
    // Only Date is faked: the throttle's clock is Date.now(), so the test decides when time passes.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("after 5 consecutive failures each further try waits longer, even with the right password", async () => {
    const user = await createUser(prisma);
    const ip = freshIp();

    for (let i = 1; i <= 5; i += 1) {
      const error = await expectRefused(user.email, `wrong-${i}`, ip, 401);
      expect(error.message).toBe(INVALID_CREDENTIALS);
    }

    let blocked = await expectRefused(user.email, DEFAULT_TEST_PASSWORD, ip, 429);
    expect(blocked.retryAfterSeconds).toBe(1);
    expect(blocked.message).toBe("Too many failed sign-ins. Try again in 1 second.");

    vi.advanceTimersByTime(1_001);
    await expectRefused(user.email, "wrong-6", ip, 401);
    blocked = await expectRefused(user.email, DEFAULT_TEST_PASSWORD, ip, 429);
    expect(blocked.retryAfterSeconds).toBe(2);
    expect(blocked.message).toBe("Too many failed sign-ins. Try again in 2 seconds.");

    vi.advanceTimersByTime(2_001);
    await expectRefused(user.email, "wrong-7", ip, 401);
    blocked = await expectRefused(user.email, "wrong-again", ip, 429);
    expect(blocked.retryAfterSeconds).toBe(4);

    // Refused tries are not failures: the streak did not grow while blocked.
    vi.advanceTimersByTime(4_001);
    const result = await attempt(user.email, DEFAULT_TEST_PASSWORD, ip);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  test("the delay applies to the account, whatever the email's case or the client's address", async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < 5; i += 1) await expectRefused(user.email, "wrong", freshIp(), 401);
    await expectRefused(user.email.toUpperCase(), DEFAULT_TEST_PASSWORD, freshIp(), 429);
  });

  test("unknown emails are throttled exactly like real ones", async () => {
    const email = uniqueEmail("ghost");
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) await expectRefused(email, "wrong", ip, 401);
    const blocked = await expectRefused(email, "wrong", ip, 429);
    expect(blocked.retryAfterSeconds).toBe(1);
  });

  test("a success resets the consecutive streak", async () => {
    const user = await createUser(prisma);
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) await expectRefused(user.email, "wrong", ip, 401);
    expect(await attempt(user.email, DEFAULT_TEST_PASSWORD, ip)).toMatchObject({ ok: true });

    // Four more failures would make nine in a row without the reset; with it they stay free.
    for (let i = 0; i < 4; i += 1) await expectRefused(user.email, "wrong", ip, 401);
    expect(await attempt(user.email, DEFAULT_TEST_PASSWORD, ip)).toMatchObject({ ok: true });

    // And the fifth failure after a reset starts the delay again.
    for (let i = 0; i < 5; i += 1) await expectRefused(user.email, "wrong", ip, 401);
    await expectRefused(user.email, DEFAULT_TEST_PASSWORD, ip, 429);
  });

  test("an account with 100 failures in the hour is refused until the hour is over, right password or not", async () => {
    const user = await createUser(prisma);
    const ip = freshIp();
    // 99 failures already this hour (their streak was broken by successes, so no delay applies).
    await presetCounter(`signin_fail_account:${user.email}`, ACCOUNT_FAILURES_PER_HOUR - 1, 50 * 60);

    // The 100th failure is still answered normally…
    await expectRefused(user.email, "wrong", ip, 401);
    // …and from then on every try is refused for the rest of the hour, on any address.
    const blocked = await expectRefused(user.email, DEFAULT_TEST_PASSWORD, freshIp(), 429);
    expect(blocked.retryAfterSeconds).toBe(50 * 60);
    expect(blocked.message).toBe("Too many failed sign-ins. Try again in 50 minutes.");

    // Another account is unaffected.
    const other = await createUser(prisma);
    expect(await attempt(other.email, DEFAULT_TEST_PASSWORD, ip)).toMatchObject({ ok: true });

    vi.advanceTimersByTime(50 * 60 * 1000 + 1);
    expect(await attempt(user.email, DEFAULT_TEST_PASSWORD, ip)).toMatchObject({ ok: true, user: { id: user.id } });
  });

  test("simultaneous guesses cannot get past the hourly limit", async () => {
    const user = await createUser(prisma);
    await presetCounter(`signin_fail_account:${user.email}`, ACCOUNT_FAILURES_PER_HOUR - 1, 50 * 60);

    // One guess is left this hour; ten arrive at once from ten addresses.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => attempt(user.email, `guess-${i}`, freshIp())),
    );

    const evaluated = results.filter((r) => !r.ok && r.error.status === 401).length;
    const refused = results.filter((r) => !r.ok && r.error.status === 429).length;
    expect({ evaluated, refused }).toEqual({ evaluated: 1, refused: 9 });
  });

  test("simultaneous guesses cannot skip the delay after 5 consecutive failures", async () => {
    const user = await createUser(prisma);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(user.email, `guess-${i}`, freshIp())),
    );
    const evaluated = results.filter((r) => !r.ok && r.error.status === 401).length;
    // Five free failures, then every further try must wait.
    expect(evaluated).toBeLessThanOrEqual(5);
  });

  test("99 failures in the hour still allow a try", async () => {
    const user = await createUser(prisma);
    await presetCounter(`signin_fail_account:${user.email}`, ACCOUNT_FAILURES_PER_HOUR - 1, 30 * 60);
    expect(await attempt(user.email, DEFAULT_TEST_PASSWORD, freshIp())).toMatchObject({ ok: true });
  });

  test("an address with 300 failures in the hour is refused for every account; other addresses are not", async () => {
    const ip = freshIp();
    const user = await createUser(prisma);
    await presetCounter(`signin_fail_ip:${ip}`, IP_FAILURES_PER_HOUR - 1, 20 * 60);

    await expectRefused(uniqueEmail("spray"), "wrong", ip, 401);
    const blocked = await expectRefused(user.email, DEFAULT_TEST_PASSWORD, ip, 429);
    expect(blocked.retryAfterSeconds).toBe(20 * 60);

    expect(await attempt(user.email, DEFAULT_TEST_PASSWORD, freshIp())).toMatchObject({ ok: true });
  });

  test("failures from one address add up across accounts", async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) await expectRefused(uniqueEmail("spray"), "wrong", ip, 401);
    const row = await prisma.rateLimit.findUniqueOrThrow({ where: { key: `signin_fail_ip:${ip}` } });
    expect(row.points).toBe(3);
  });
});
