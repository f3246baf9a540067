// Field schemas shared by company.create, company.update and the company forms. Browser-safe.
import { z } from "zod";

export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-1000", "1000+"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export const WEBSITE_MESSAGE = "Enter a web address, like zerodha.com";

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * "zerodha.com", "http://Zerodha.com/", "https://zerodha.com/markets" →
 * "https://zerodha.com", "https://zerodha.com", "https://zerodha.com/markets".
 * Only web addresses with a real host name; anything else (javascript:, mailto:, spaces) is null.
 */
export function normalizeWebsite(input: string): string | null {
  let text = input.trim();
  if (!text || text.length > 500 || /\s/.test(text)) return null;
  if (/^https?:\/\//i.test(text)) text = text.replace(/^https?:\/\//i, "https://");
  else if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return null; // another scheme (javascript:, mailto:, ftp:)
  else text = `https://${text.replace(/^\/\//, "")}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  if (!HOSTNAME.test(url.hostname)) return null;
  const normalized = url.pathname === "/" && !url.search && !url.hash ? url.origin : url.toString();
  return normalized.length <= 500 ? normalized : null;
}

export const companyIdField = z.uuid({ message: "Company not found" });

export const companyFieldsSchema = z.object({
  name: z
    .string({ message: "Enter the company's name" })
    .trim()
    .min(1, { message: "Enter the company's name" })
    .max(200, { message: "Use at most 200 characters" }),
  industry: z.preprocess(
    blankToUndefined,
    z.string().trim().max(120, { message: "Use at most 120 characters" }).optional(),
  ),
  size: z.preprocess(
    blankToUndefined,
    z.enum(COMPANY_SIZES, { message: "Choose a size: 1-10, 11-50, 51-200, 201-1000 or 1000+" }).optional(),
  ),
  website: z.preprocess(
    blankToUndefined,
    z
      .string({ message: WEBSITE_MESSAGE })
      .transform((value, ctx) => {
        const normalized = normalizeWebsite(value);
        if (!normalized) {
          ctx.addIssue({ code: "custom", message: WEBSITE_MESSAGE });
          return z.NEVER;
        }
        return normalized;
      })
      .optional(),
  ),
});
export type CompanyFieldsInput = z.output<typeof companyFieldsSchema>;
