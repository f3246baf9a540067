import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/services/password.server";
import { fieldErrorsFrom } from "~/trpc/trpc.server";
import { anonymousCaller, expectTRPCError } from "~/testing/caller";
import { createUser } from "../../../../prisma/factories";

const PASSWORD = "a-long-enough-password";

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

describe("auth.signUp", () => {
  test("creates the user with an argon2id hash, their organization and an OWNER membership", async () => {
    const { caller } = await anonymousCaller();
    const input = validInput({ email: "  Priya.New@Example.COM " });

    const result = await caller.auth.signUp(input);

    const user = await prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe("priya.new@example.com");
    expect(user.name).toBe("Priya Sharma");
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.passwordHash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(user.passwordHash, "another-password")).toBe(false);

    const organization = await prisma.organization.findUniqueOrThrow({ where: { id: result.organizationId } });
    expect(organization.name).toBe("Sharma Indicators");
    expect(organization.slug).toMatch(/^sharma-indicators/);
    const memberships = await prisma.membership.findMany({ where: { userId: user.id } });
    expect(memberships).toEqual([expect.objectContaining({ organizationId: organization.id, role: "OWNER" })]);
  });

  test("two sign-ups with the same organization name get distinct slugs", async () => {
    const { caller } = await anonymousCaller();
    const first = await caller.auth.signUp(validInput({ organizationName: "Same Name" }));
    const second = await caller.auth.signUp(validInput({ organizationName: "Same Name" }));
    const [a, b] = await Promise.all([
      prisma.organization.findUniqueOrThrow({ where: { id: first.organizationId } }),
      prisma.organization.findUniqueOrThrow({ where: { id: second.organizationId } }),
    ]);
    expect(a.slug).not.toBe(b.slug);
  });

  test.each([
    ["the same case", "taken@example.com"],
    ["a different case", "TAKEN@Example.com"],
    ["surrounding spaces", "  taken@example.com "],
  ])("an email already registered (%s) is a CONFLICT and writes nothing", async (_label, email) => {
    await createUser(prisma, { email: "taken@example.com" });
    const before = await counts();
    const { caller } = await anonymousCaller();

    await expectTRPCError(caller.auth.signUp(validInput({ email })), "CONFLICT", /already exists/i);

    expect(await counts()).toEqual(before);
    await prisma.user.deleteMany({ where: { email: "taken@example.com" } });
  });

  test("two simultaneous sign-ups with one email make exactly one account", async () => {
    const { caller } = await anonymousCaller();
    const email = "race@example.com";
    const before = await counts();
    const results = await Promise.allSettled([
      caller.auth.signUp(validInput({ email })),
      caller.auth.signUp(validInput({ email: email.toUpperCase() })),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(TRPCError);
    expect((rejected[0]!.reason as TRPCError).code).toBe("CONFLICT");
    expect(await counts()).toEqual({
      users: before.users + 1,
      organizations: before.organizations + 1,
      memberships: before.memberships + 1,
    });
  });

  test.each([
    ["a short password", { password: "short" }, "password", "Use at least 10 characters"],
    ["a malformed email", { email: "not-an-email" }, "email", "Enter a valid email address, like priya@example.com"],
    ["an empty email", { email: "" }, "email", "Enter your email address"],
    ["a blank organization name", { organizationName: "   " }, "organizationName", "Use at least 2 characters"],
    ["a blank name", { name: " " }, "name", "Enter your name"],
  ])("%s is BAD_REQUEST with a field message and writes nothing", async (_label, overrides, field, message) => {
    const before = await counts();
    const { caller } = await anonymousCaller();

    const error = await expectTRPCError(caller.auth.signUp(validInput(overrides)), "BAD_REQUEST");

    expect(error.cause).toBeInstanceOf(ZodError);
    expect(fieldErrorsFrom(error.cause as ZodError)).toEqual({ [field]: message });
    expect(await counts()).toEqual(before);
  });
});
