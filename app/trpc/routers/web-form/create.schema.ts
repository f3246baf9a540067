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

export const createWebFormSchema = z.object({
  name: z
    .string({ message: "Give the form a name" })
    .trim()
    .min(1, { message: "Give the form a name" })
    .max(120, { message: "Use at most 120 characters" }),
  redirectUrl: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .trim()
      .max(500, { message: "Use at most 500 characters" })
      .refine(isRedirectTarget, { message: "Use an https:// address or a path on your site starting with /" })
      .optional(),
  ),
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
});
export type CreateWebFormInput = z.infer<typeof createWebFormSchema>;

export const webFormIdSchema = z.object({ id: z.uuid({ message: "Form not found" }) });
export type WebFormIdInput = z.infer<typeof webFormIdSchema>;

export const setWebFormEnabledSchema = z.object({
  id: z.uuid({ message: "Form not found" }),
  enabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], {
    message: "Choose on or off",
  }),
});
export type SetWebFormEnabledInput = z.infer<typeof setWebFormEnabledSchema>;
