import { TRPCError } from "@trpc/server";
import { createWebForm, listWebForms, recentSubmissions, setWebFormAfterSubmit, setWebFormEnabled, setWebFormKey } from "~/models/web-form.server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import {
  resolveAfterSubmit,
  type CreateWebFormInput,
  type SetAfterSubmitInput,
  type SetWebFormEnabledInput,
  type WebFormIdInput,
} from "~/trpc/routers/web-form/create.schema";
import { randomToken } from "~/utils/crypto.server";
import { appUrl } from "~/utils/env.server";
import { can } from "~/utils/permissions";

export function assertCanManage(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "update:settings:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can manage web forms." });
  }
}

/** A new public key: 24 URL-safe characters (144 bits), unguessable. */
function newFormKey(): string {
  return randomToken(18);
}

export function formEndpoint(key: string): string {
  return `${appUrl()}/webhooks/forms/${key}`;
}

export async function listWebFormsHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanManage(ctx);
  const forms = await listWebForms(ctx.db, { organizationId: ctx.org.id });
  const submissions = await recentSubmissions(ctx.db, { organizationId: ctx.org.id, formIds: forms.map((f) => f.id), perForm: 5 });
  return forms.map((form) => ({
    ...form,
    endpoint: formEndpoint(form.key),
    recentSubmissions: submissions
      .filter((submission) => submission.formId === form.id)
      .map(({ id, contactId, contactName, createdAt }) => ({ id, contactId, contactName, createdAt })),
  }));
}

export async function createWebFormHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateWebFormInput }) {
  assertCanManage(ctx);
  const form = await createWebForm(ctx.db, {
    organizationId: ctx.org.id,
    name: input.name,
    key: newFormKey(),
    ...resolveAfterSubmit(input),
    tagNames: input.tags,
    allowedOrigins: input.allowedOrigins,
  });
  return { ...form, endpoint: formEndpoint(form.key) };
}

export async function setWebFormEnabledHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetWebFormEnabledInput }) {
  assertCanManage(ctx);
  if (!(await setWebFormEnabled(ctx.db, { organizationId: ctx.org.id, id: input.id, enabled: input.enabled }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Form not found." });
  }
  return { id: input.id, enabled: input.enabled };
}

/** What a visitor's browser sees after posting the form; applies to the next post. */
export async function setAfterSubmitHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetAfterSubmitInput }) {
  assertCanManage(ctx);
  const choice = resolveAfterSubmit(input);
  if (!(await setWebFormAfterSubmit(ctx.db, { organizationId: ctx.org.id, id: input.id, ...choice }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Form not found." });
  }
  return { id: input.id, ...choice };
}

/** Gives the form a new key; the old endpoint stops working at once. */
export async function regenerateWebFormKeyHandler({ ctx, input }: { ctx: OrgScopedContext; input: WebFormIdInput }) {
  assertCanManage(ctx);
  const key = newFormKey();
  if (!(await setWebFormKey(ctx.db, { organizationId: ctx.org.id, id: input.id, key }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Form not found." });
  }
  return { id: input.id, key, endpoint: formEndpoint(key) };
}
