// Prisma reads and writes for website forms and their submissions.
import type { Prisma, PrismaClient, WebFormAfterSubmit } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

const formSelect = {
  id: true,
  name: true,
  key: true,
  enabled: true,
  redirectUrl: true,
  afterSubmit: true,
  tagNames: true,
  allowedOrigins: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebFormSelect;

export async function listWebForms(db: Tx, { organizationId }: { organizationId: string }) {
  const forms = await db.webForm.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { ...formSelect, _count: { select: { submissions: true } } },
  });
  return forms.map(({ _count, ...form }) => ({ ...form, submissionCount: _count.submissions }));
}

/** The latest submissions of each of the organization's forms. */
export async function recentSubmissions(db: Tx, { organizationId, formIds, perForm }: { organizationId: string; formIds: string[]; perForm: number }) {
  if (formIds.length === 0) return [];
  return db.$queryRaw<
    Array<{ id: string; formId: string; contactId: string | null; contactName: string | null; payload: unknown; createdAt: Date }>
  >`
    SELECT s."id", s."formId", s."contactId", c."name" AS "contactName", s."payload", s."createdAt"
      FROM unnest(${formIds}::uuid[]) AS f(id)
      CROSS JOIN LATERAL (
        SELECT * FROM "FormSubmission" fs
         WHERE fs."organizationId" = ${organizationId}::uuid AND fs."formId" = f.id
         ORDER BY fs."createdAt" DESC LIMIT ${perForm}::int
      ) s
      LEFT JOIN "Contact" c ON c."id" = s."contactId" AND c."organizationId" = s."organizationId"
     ORDER BY s."createdAt" DESC`;
}

export function createWebForm(
  db: Tx,
  input: {
    organizationId: string;
    name: string;
    key: string;
    afterSubmit: WebFormAfterSubmit;
    redirectUrl: string | null;
    tagNames: string[];
    allowedOrigins: string[];
  },
) {
  return db.webForm.create({ data: input, select: formSelect });
}

export function findWebForm(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.webForm.findFirst({ where: { id, organizationId }, select: formSelect });
}

/** The form behind a public key, with its organization (the key is what proves which organization). */
export function findWebFormByKey(db: Tx, key: string) {
  return db.webForm.findUnique({
    where: { key },
    select: {
      id: true,
      organizationId: true,
      name: true,
      enabled: true,
      afterSubmit: true,
      redirectUrl: true,
      tagNames: true,
      allowedOrigins: true,
      organization: { select: { name: true } },
    },
  });
}

export async function setWebFormEnabled(db: Tx, { organizationId, id, enabled }: { organizationId: string; id: string; enabled: boolean }) {
  const { count } = await db.webForm.updateMany({ where: { id, organizationId }, data: { enabled } });
  return count === 1;
}

export async function setWebFormKey(db: Tx, { organizationId, id, key }: { organizationId: string; id: string; key: string }) {
  const { count } = await db.webForm.updateMany({ where: { id, organizationId }, data: { key } });
  return count === 1;
}

export async function setWebFormAllowedOrigins(
  db: Tx,
  { organizationId, id, allowedOrigins }: { organizationId: string; id: string; allowedOrigins: string[] },
) {
  const { count } = await db.webForm.updateMany({ where: { id, organizationId }, data: { allowedOrigins } });
  return count === 1;
}

/** What a visitor's browser sees after posting; `redirectUrl` only matters for REDIRECT (null otherwise). */
export async function setWebFormAfterSubmit(
  db: Tx,
  { organizationId, id, afterSubmit, redirectUrl }: { organizationId: string; id: string; afterSubmit: WebFormAfterSubmit; redirectUrl: string | null },
) {
  const { count } = await db.webForm.updateMany({ where: { id, organizationId }, data: { afterSubmit, redirectUrl } });
  return count === 1;
}

export function createFormSubmission(
  db: Tx,
  input: { organizationId: string; formId: string; contactId: string | null; payload: Prisma.InputJsonObject; ipAddress: string | null },
) {
  return db.formSubmission.create({ data: input, select: { id: true } });
}
