import { z } from "zod";
import { parseOriginList } from "~/utils/web-form-origin";

export const MAX_FORM_TAGS = 10;

function isRedirectTarget(value: string): boolean {
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\") && !/\s/.test(value);
  if (!/^https:\/\//i.test(value)) return false;
  try {
    return Boolean(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Websites allowed to post from the browser: one per line (or comma-separated) in the form; an array once parsed. */
export const allowedOriginsField = z.preprocess(
  (value) => (Array.isArray(value) ? value.join("\n") : (value ?? "")),
  z
    .string({ message: "List websites, one per line" })
    .max(5_000, { message: "Use at most 5,000 characters" })
    .transform((text, ctx) => {
      const result = parseOriginList(text);
      if (result.ok) return result.origins;
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }),
)
  .optional()
  .transform((origins) => origins ?? []);

/** What a visitor's browser sees after a plain HTML form post is accepted. */
export const AFTER_SUBMIT_CHOICES = ["THANK_YOU_PAGE", "BACK_TO_PAGE", "REDIRECT"] as const;
export type AfterSubmit = (typeof AFTER_SUBMIT_CHOICES)[number];

/** The marker added to the page's address when a visitor is sent back to it (BACK_TO_PAGE). */
export const BACK_TO_PAGE_MARKER = { name: "leadlane", value: "thanks" } as const;
/**
 * A hidden field a page may carry with its own address, so "back to the page"
 * returns to that page (browsers tell another website only the site, not the
 * page). Checked like a Referer; never stored as a field of the lead.
 */
export const PAGE_FIELD = "leadlane_page";

const afterSubmitFields = {
  /** Without it: REDIRECT when there is a redirect address, else the thank-you page. */
  afterSubmit: z.enum(AFTER_SUBMIT_CHOICES, { message: "Choose what visitors see after sending the form" }).optional(),
  redirectUrl: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .trim()
      .max(500, { message: "Use at most 500 characters" })
      .refine(isRedirectTarget, { message: "Use an https:// address or a path on your site starting with /" })
      .optional(),
  ),
};

function requireRedirectAddress(value: { afterSubmit?: AfterSubmit; redirectUrl?: string }, ctx: z.RefinementCtx) {
  if (value.afterSubmit === "REDIRECT" && !value.redirectUrl) {
    ctx.addIssue({ code: "custom", path: ["redirectUrl"], message: "Enter the address to send visitors to" });
  }
}

/** The choice a form's input amounts to, and the redirect address kept with it (only for REDIRECT). */
export function resolveAfterSubmit(value: { afterSubmit?: AfterSubmit; redirectUrl?: string }): { afterSubmit: AfterSubmit; redirectUrl: string | null } {
  const afterSubmit = value.afterSubmit ?? (value.redirectUrl ? "REDIRECT" : "THANK_YOU_PAGE");
  return { afterSubmit, redirectUrl: afterSubmit === "REDIRECT" ? (value.redirectUrl ?? null) : null };
}

export const createWebFormSchema = z
  .object({
    name: z
      .string({ message: "Give the form a name" })
      .trim()
      .min(1, { message: "Give the form a name" })
      .max(120, { message: "Use at most 120 characters" }),
    ...afterSubmitFields,
    /** Comma-separated in the form; an array once parsed. */
    tags: z.preprocess(
      (value) =>
        Array.isArray(value)
          ? value
          : typeof value === "string"
            ? [...new Set(value.split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))]
            : [],
      z
        .array(z.string().max(60, { message: "Each tag is at most 60 characters" }))
        .max(MAX_FORM_TAGS, { message: `At most ${MAX_FORM_TAGS} tags` }),
    ),
    allowedOrigins: allowedOriginsField,
  })
  .superRefine(requireRedirectAddress);
export type CreateWebFormInput = z.infer<typeof createWebFormSchema>;

export const webFormIdSchema = z.object({ id: z.uuid({ message: "Form not found" }) });
export type WebFormIdInput = z.infer<typeof webFormIdSchema>;

export const setAfterSubmitSchema = z
  .object({
    id: z.uuid({ message: "Form not found" }),
    ...afterSubmitFields,
    afterSubmit: afterSubmitFields.afterSubmit.unwrap(),
  })
  .superRefine(requireRedirectAddress);
export type SetAfterSubmitInput = z.infer<typeof setAfterSubmitSchema>;

export const setWebFormEnabledSchema = z.object({
  id: z.uuid({ message: "Form not found" }),
  enabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], {
    message: "Choose on or off",
  }),
});
export type SetWebFormEnabledInput = z.infer<typeof setWebFormEnabledSchema>;
