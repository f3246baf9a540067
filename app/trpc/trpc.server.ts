// tRPC context and procedures. Every organization-scoped procedure resolves
// the organization from the verified session, never from input.
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getAuthSession, type AuthSession } from "~/utils/session.server";
import { roleAtLeast, type Role } from "~/utils/permissions";
import { timeZoneOrDefault } from "~/utils/clock";
import { controlCharacterMessage, findControlCharacter, normalizeInputLineBreaks } from "~/utils/control-characters";

/** `timeZone` is the organization's IANA zone: every "day" the organization sees is read in it (app/utils/clock). */
export type OrgContext = { id: string; name: string; slug: string; timeZone: string; role: Role; membershipId: string };

export type Context = {
  db: PrismaClient;
  request: Request | null;
  session: AuthSession | null;
  user: AuthSession["user"] | null;
  org: OrgContext | null;
};

async function resolveOrganization(db: PrismaClient, session: AuthSession): Promise<OrgContext | null> {
  const where = session.organizationId
    ? { organizationId_userId: { organizationId: session.organizationId, userId: session.user.id } }
    : null;
  const membership = where
    ? await db.membership.findUnique({ where, include: { organization: true } })
    : await db.membership.findFirst({
        where: { userId: session.user.id },
        include: { organization: true },
        orderBy: { createdAt: "asc" },
      });
  if (!membership) return null;
  return {
    id: membership.organization.id,
    name: membership.organization.name,
    slug: membership.organization.slug,
    timeZone: timeZoneOrDefault(membership.organization.timezone),
    role: membership.role,
    membershipId: membership.id,
  };
}

export async function createContext(request: Request): Promise<Context> {
  const session = await getAuthSession(request);
  const org = session ? await resolveOrganization(prisma, session) : null;
  return { db: prisma, request, session, user: session?.user ?? null, org };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        fieldErrors: zodError ? fieldErrorsFrom(zodError) : null,
      },
    };
  },
});

export function fieldErrorsFrom(error: ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Text input, everywhere: line breaks become LF (a textarea posts CRLF), and
 * text still holding a control character (NUL, ESC, DEL, C1…) is refused with a
 * message naming the field, before any schema or database sees it.
 */
const refuseControlCharacters = t.middleware(async ({ getRawInput, next }) => {
  const input = normalizeInputLineBreaks(await getRawInput());
  const found = findControlCharacter(input);
  if (found) throw new TRPCError({ code: "BAD_REQUEST", message: controlCharacterMessage(found) });
  return next({ getRawInput: async () => input });
});

export const publicProcedure = t.procedure.use(refuseControlCharacters);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

/** A procedure for members of the session's organization holding at least `minimum`. */
export function orgProcedure(minimum: Role = "VIEWER") {
  return authedProcedure.use(({ ctx, next }) => {
    if (!ctx.org) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of an organization." });
    if (!roleAtLeast(ctx.org.role, minimum)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next({ ctx: { ...ctx, org: ctx.org } });
  });
}

export type AuthedContext = Context & { user: NonNullable<Context["user"]>; session: AuthSession };
export type OrgScopedContext = AuthedContext & { org: OrgContext };
