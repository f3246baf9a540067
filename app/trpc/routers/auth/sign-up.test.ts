import { ZodError } from "zod";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/services/password.server";
import { SIGN_UPS_PER_EMAIL_PER_HOUR, SIGN_UPS_PER_IP_PER_HOUR } from "~/services/login-throttle.server";
import { sendSignUpEmail, signUpEmailKey } from "~/services/sign-up.server";
import { createCaller } from "~/trpc/root.server";
import { createContext, fieldErrorsFrom } from "~/trpc/trpc.server";
import { expectTRPCError, requestWith } from "~/testing/caller";
import { idempotencyDigest } from "~/providers/email/idempotency";
import { createUser } from "../../../../prisma/factories";
// eslint-disable-next-line no-restricted-imports -- the page's action is part of what must answer alike
import { action as signUpAction } from "~/routes/signup";

const PASSWORD = "a-long-enough-password";
const BASE_URL = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");

let ipCounter = 0;
/** Each test signs up from its own address, so the per-IP limit never leaks between tests. */
function freshIp() {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

async function callerFrom(ip = freshIp()) {
  return createCaller(await createContext(requestWith({ ip })));
}

function validInput(overrides: Partial<Record<"name" | "email" | "password" | "organizationName", string>> = {}) {
  return {
    name: "Priya Sharma",
    email: `priya-${Math.random().toString(36).slice(2, 10)}@example.com`,
    password: PASSWORD,
    organizationName: "Sharma Indicators",
    ...overrides,
  };
}

async function counts() {
  const [users, organizations, memberships] = await Promise.all([
    prisma.user.count(),
    prisma.organization.count(),
    prisma.membership.count(),
  ]);
  return { users, organizations, memberships };
}

/** The job the request queued: its payload carries the link's token. */
async function queuedEmail(requestId: string) {
  const [job] = await prisma.$queryRaw<{ payload: { signUpRequestId: string; token: string } }[]>`
    SELECT payload FROM graphile_worker._private_jobs WHERE key = ${signUpEmailKey(requestId)}`;
  if (!job) throw new Error("no email job was queued");
  return job.payload;
}

/** Runs the queued job and returns the email it left in the sandbox outbox. */
async function deliver(requestId: string) {
  const payload = await queuedEmail(requestId);
  await sendSignUpEmail(prisma, payload);
  const externalId = `sbx_em_${idempotencyDigest(null, signUpEmailKey(requestId), 20)}`;
  const email = await prisma.sandboxOutbox.findUniqueOrThrow({ where: { externalId } });
  return { email, token: payload.token };
}

describe("auth.signUp", () => {
  test("a new email: the answer is 'check your email', nothing but the request is stored, and the emailed link creates the account and organization", async () => {
    const caller = await callerFrom();
    const before = await counts();

    const sent = await caller.auth.signUp(validInput({ email: "  Priya.New@Example.COM " }));

    expect(sent).toEqual({ email: "priya.new@example.com", requestId: expect.any(String) });
    expect(await counts()).toEqual(before);
    const request = await prisma.signUpRequest.findUniqueOrThrow({ where: { id: sent.requestId } });
    expect(request.passwordHash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(request.passwordHash).not.toContain(PASSWORD);

    const { email, token } = await deliver(sent.requestId);
    expect(email).toMatchObject({ channel: "EMAIL", toAddress: "priya.new@example.com", organizationId: null });
    expect(email.subject).toBe("Confirm your email to create Sharma Indicators on Leadlane");
    expect(email.body).toContain(`${BASE_URL}/signup/confirm/${token}`);

    expect(await caller.auth.signUpPreview({ token })).toEqual({
      email: "priya.new@example.com",
      name: "Priya Sharma",
      organizationName: "Sharma Indicators",
    });
    const created = await caller.auth.confirmSignUp({ token });

    const user = await prisma.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect(user).toMatchObject({ email: "priya.new@example.com", name: "Priya Sharma" });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    const organization = await prisma.organization.findUniqueOrThrow({ where: { id: created.organizationId } });
    expect(organization.name).toBe("Sharma Indicators");
    expect(organization.slug).toMatch(/^sharma-indicators/);
    expect(await prisma.membership.findMany({ where: { userId: user.id } })).toEqual([
      expect.objectContaining({ organizationId: organization.id, role: "OWNER" }),
    ]);
    // The link works once.
    expect(await prisma.signUpRequest.count({ where: { email: "priya.new@example.com" } })).toBe(0);
    await expectTRPCError(caller.auth.confirmSignUp({ token }), "NOT_FOUND", /expired or was used/);
  });

  test.each([
    ["the same case", "taken@example.com"],
    ["a different case", "TAKEN@Example.com"],
    ["surrounding spaces", "  taken@example.com "],
  ])("an email that has an account (%s) gets the same answer; the email sent says so, and nothing is created", async (_label, email) => {
    await createUser(prisma, { email: "taken@example.com" });
    const fresh = await (await callerFrom()).auth.signUp(validInput());
    const before = await counts();

    const sent = await (await callerFrom()).auth.signUp(validInput({ email }));

    // The same answer, field for field, as for an address nobody uses.
    expect(Object.keys(sent).sort()).toEqual(Object.keys(fresh).sort());
    expect(sent.email).toBe("taken@example.com");
    expect(await counts()).toEqual(before);
    const { email: message, token } = await deliver(sent.requestId);
    expect(message.subject).toBe("You already have a Leadlane account");
    expect(message.body).toContain(`${BASE_URL}/login`);
    expect(message.body).not.toContain("/signup/confirm/");
    // Even the token (never mailed) can't make a second account.
    await expectTRPCError((await callerFrom()).auth.confirmSignUp({ token }), "CONFLICT", /already exists/i);
    expect(await counts()).toEqual(before);
    await prisma.user.deleteMany({ where: { email: "taken@example.com" } });
  });

  test("the sign-up page answers a taken email and a new one alike: a redirect to 'check your email'", async () => {
    await createUser(prisma, { email: "page-taken@example.com" });
    const post = async (email: string) => {
      const body = new URLSearchParams({ ...validInput({ email }) });
      const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", "x-leadlane-client-ip": freshIp() });
      const response = await signUpAction({ request: new Request(`${BASE_URL}/signup`, { method: "POST", headers, body }), params: {}, context: {} });
      return { status: response.status, location: response.headers.get("Location"), cookie: response.headers.get("Set-Cookie")?.split("=")[0] };
    };
    const taken = await post("page-taken@example.com");
    const fresh = await post("page-fresh@example.com");
    expect(taken).toEqual({ status: 302, location: "/signup/sent", cookie: "__signup" });
    expect(fresh).toEqual(taken);
  });

  test("two sign-ups with the same organization name get distinct slugs", async () => {
    const confirm = async () => {
      const caller = await callerFrom();
      const sent = await caller.auth.signUp(validInput({ organizationName: "Same Name" }));
      return caller.auth.confirmSignUp({ token: (await queuedEmail(sent.requestId)).token });
    };
    const first = await confirm();
    const second = await confirm();
    const [a, b] = await Promise.all([
      prisma.organization.findUniqueOrThrow({ where: { id: first.organizationId } }),
      prisma.organization.findUniqueOrThrow({ where: { id: second.organizationId } }),
    ]);
    expect(a.slug).not.toBe(b.slug);
  });

  test("two links for one email confirmed at once make exactly one account", async () => {
    const email = "race@example.com";
    const caller = await callerFrom();
    const tokens = await Promise.all(
      [email, email.toUpperCase()].map(async (address) => (await queuedEmail((await caller.auth.signUp(validInput({ email: address }))).requestId)).token),
    );
    const before = await counts();
    const results = await Promise.allSettled(tokens.map((token) => caller.auth.confirmSignUp({ token })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(["CONFLICT", "NOT_FOUND"]).toContain((rejected[0]!.reason as { code: string }).code);
    expect(await counts()).toEqual({ users: before.users + 1, organizations: before.organizations + 1, memberships: before.memberships + 1 });
    // Every pending request for the address is gone with the confirmation.
    expect(await prisma.signUpRequest.count({ where: { email } })).toBe(0);
  });

  test("an expired or unknown link is NOT_FOUND and creates nothing", async () => {
    const caller = await callerFrom();
    const sent = await caller.auth.signUp(validInput());
    const { token } = await queuedEmail(sent.requestId);
    await prisma.signUpRequest.update({ where: { id: sent.requestId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await counts();
    await expectTRPCError(caller.auth.signUpPreview({ token }), "NOT_FOUND", /expired or was used/);
    await expectTRPCError(caller.auth.confirmSignUp({ token }), "NOT_FOUND");
    await expectTRPCError(caller.auth.confirmSignUp({ token: "x".repeat(43) }), "NOT_FOUND");
    await expectTRPCError(caller.auth.confirmSignUp({ token: "not a token" }), "BAD_REQUEST");
    expect(await counts()).toEqual(before);
    // An expired request sends nothing either.
    expect(await sendSignUpEmail(prisma, { signUpRequestId: sent.requestId, token })).toEqual({ sent: false });
  });

  test.each([
    ["a short password", { password: "short" }, "password", "Use at least 10 characters"],
    ["a malformed email", { email: "not-an-email" }, "email", "Enter a valid email address, like priya@example.com"],
    ["an empty email", { email: "" }, "email", "Enter your email address"],
    ["a blank organization name", { organizationName: "   " }, "organizationName", "Use at least 2 characters"],
    ["a blank name", { name: " " }, "name", "Enter your name"],
  ])("%s is BAD_REQUEST with a field message and writes nothing", async (_label, overrides, field, message) => {
    const before = await counts();
    const requests = await prisma.signUpRequest.count();

    const error = await expectTRPCError((await callerFrom()).auth.signUp(validInput(overrides)), "BAD_REQUEST");

    expect(error.cause).toBeInstanceOf(ZodError);
    expect(fieldErrorsFrom(error.cause as ZodError)).toEqual({ [field]: message });
    expect(await counts()).toEqual(before);
    expect(await prisma.signUpRequest.count()).toBe(requests);
  });
});

describe("sign-up throttling", () => {
  test.each([["without an account", false], ["with an account", true]])(
    `an email %s: ${SIGN_UPS_PER_EMAIL_PER_HOUR} sign-ups an hour, then TOO_MANY_REQUESTS that writes nothing, from any address`,
    async (_label, hasAccount) => {
      const email = `limited-${hasAccount}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      if (hasAccount) await createUser(prisma, { email });
      for (let i = 0; i < SIGN_UPS_PER_EMAIL_PER_HOUR; i += 1) await (await callerFrom()).auth.signUp(validInput({ email }));
      const requests = await prisma.signUpRequest.count({ where: { email } });

      await expectTRPCError((await callerFrom()).auth.signUp(validInput({ email })), "TOO_MANY_REQUESTS", /^Too many sign-ups\. Try again in 60 minutes\.$/);

      expect(await prisma.signUpRequest.count({ where: { email } })).toBe(requests);
      // Another address is unaffected.
      await expect((await callerFrom()).auth.signUp(validInput())).resolves.toMatchObject({ requestId: expect.any(String) });
    },
  );

  test(`one client address: ${SIGN_UPS_PER_IP_PER_HOUR} sign-ups an hour across emails, then TOO_MANY_REQUESTS`, async () => {
    const ip = freshIp();
    // All but two of the hour's sign-ups from this address are used already (with 40 minutes to go).
    await prisma.rateLimit.create({
      data: { key: `signup_ip:${ip}`, points: SIGN_UPS_PER_IP_PER_HOUR - 2, expire: BigInt(Date.now() + 40 * 60_000) },
    });
    const caller = await callerFrom(ip);
    await Promise.all([caller.auth.signUp(validInput()), caller.auth.signUp(validInput())]);
    const requests = await prisma.signUpRequest.count();
    await expectTRPCError(caller.auth.signUp(validInput()), "TOO_MANY_REQUESTS", /^Too many sign-ups\. Try again in 40 minutes\.$/);
    expect(await prisma.signUpRequest.count()).toBe(requests);
    await expect((await callerFrom()).auth.signUp(validInput())).resolves.toMatchObject({ requestId: expect.any(String) });
  });
});
