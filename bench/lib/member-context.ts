// A member of the dataset's main organization as the procedures see them: the tRPC context a signed-in
// request would carry (no request, a bench session), for benchmarks that call procedures directly.
import type { Role } from "../../app/generated/prisma/enums";
import type { Context } from "../../app/trpc/trpc.server";
import type { BenchContext } from "./benchmark";

export type BenchMember = { userId: string; email: string; role: Role; context: Context };

export async function mainOrganizationMember(context: BenchContext, email: string, { timeZone = "Asia/Kolkata" }: { timeZone?: string } = {}): Promise<BenchMember> {
  const org = context.dataset.main;
  const { rows } = await context.pool.query<{ id: string; name: string; role: Role; membershipId: string }>(
    `SELECT u.id, u.name, m.role, m.id AS "membershipId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id AND m."organizationId" = $1
      WHERE u.email = $2`,
    [org.id, email],
  );
  const row = rows[0];
  if (!row) throw new Error(`no member ${email} in the main organization`);
  const user = { id: row.id, email, name: row.name };
  return {
    userId: row.id,
    email,
    role: row.role,
    context: {
      db: context.db,
      request: null,
      session: { id: "bench", organizationId: org.id, user },
      user,
      org: { id: org.id, name: org.name, slug: org.slug, timeZone, role: row.role, membershipId: row.membershipId },
    },
  };
}
