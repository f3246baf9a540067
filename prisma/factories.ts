// Builders shared by the seed, the tests and the benchmarks.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../app/generated/prisma/client";
import type { ContactStage, Role, Temperature } from "../app/generated/prisma/enums";
import { hashPassword } from "../app/services/password.server";
import { createOrganizationWithOwner } from "../app/models/organization.server";

export const DEFAULT_TEST_PASSWORD = "correct-horse-battery";

function unique(): string {
  return randomBytes(5).toString("hex");
}

const FIRST_NAMES = ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rahul", "Isha", "Karan", "Meera"];
const LAST_NAMES = ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Singh", "Mehta", "Das", "Joshi", "Khan", "Rao"];
export const STAGES: ContactStage[] = ["NEW", "ENGAGED", "INTERESTED", "NEGOTIATION", "CONVERTED", "CHURNED"];
export const TEMPERATURES: Temperature[] = ["HOT", "WARM", "COLD", "DEAD"];

export function personName(seed: number): string {
  return `${FIRST_NAMES[seed % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(seed / FIRST_NAMES.length) % LAST_NAMES.length]}`;
}

/** A valid Indian mobile number in E.164, distinct for each seed below 10^9. */
export function indianMobile(seed: number): string {
  return `+919${String(seed % 1_000_000_000).padStart(9, "0")}`;
}

let passwordHashCache: Promise<string> | undefined;

export async function createUser(
  db: PrismaClient,
  overrides: { email?: string; name?: string; password?: string } = {},
) {
  const passwordHash =
    overrides.password && overrides.password !== DEFAULT_TEST_PASSWORD
      ? await hashPassword(overrides.password)
      : await (passwordHashCache ??= hashPassword(DEFAULT_TEST_PASSWORD));
  return db.user.create({
    data: {
      email: (overrides.email ?? `user-${unique()}@example.com`).toLowerCase(),
      name: overrides.name ?? "Test User",
      passwordHash,
    },
  });
}

/** An organization with an owner; returns both. */
export async function createOrganization(
  db: PrismaClient,
  overrides: { name?: string; owner?: { email?: string; name?: string; password?: string } } = {},
) {
  const owner = await createUser(db, overrides.owner);
  const organization = await createOrganizationWithOwner(db, {
    name: overrides.name ?? `Org ${unique()}`,
    ownerUserId: owner.id,
  });
  return { organization, owner };
}

export async function addMember(
  db: PrismaClient,
  input: { organizationId: string; role: Role; user?: { email?: string; name?: string; password?: string } },
) {
  const user = await createUser(db, input.user);
  const membership = await db.membership.create({
    data: { organizationId: input.organizationId, userId: user.id, role: input.role },
  });
  return { user, membership };
}

export function createContact(
  db: PrismaClient,
  input: {
    organizationId: string;
    name?: string;
    /** A random Indian mobile when left out; null for a contact known by email only. */
    phone?: string | null;
    email?: string | null;
    stage?: ContactStage;
    temperature?: Temperature;
    score?: number;
    ownerId?: string | null;
  },
) {
  const seed = Math.floor(Math.random() * 1_000_000_000);
  return db.contact.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? personName(seed),
      phone: input.phone === undefined ? indianMobile(seed) : input.phone,
      email: input.email ?? null,
      stage: input.stage ?? "NEW",
      temperature: input.temperature ?? "COLD",
      score: input.score ?? 0,
      ownerId: input.ownerId ?? null,
    },
  });
}

export function createProduct(
  db: PrismaClient,
  input: {
    organizationId: string;
    name?: string;
    pricePaise?: bigint | number;
    description?: string;
    category?: string | null;
    features?: string[];
    active?: boolean;
  },
) {
  return db.product.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? `Indicator ${unique()}`,
      pricePaise: BigInt(input.pricePaise ?? 499_900),
      description: input.description ?? "",
      category: input.category ?? null,
      features: input.features ?? [],
      active: input.active ?? true,
    },
  });
}

export function createTag(db: PrismaClient, input: { organizationId: string; name?: string; color?: string }) {
  return db.tag.create({
    data: { organizationId: input.organizationId, name: input.name ?? `tag-${unique()}`, color: input.color ?? "slate" },
  });
}
