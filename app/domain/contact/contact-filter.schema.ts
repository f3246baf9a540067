// The contacts list view: filters, search, sort and page. It lives in the URL
// (so a view can be bookmarked and shared) and is reused by bulk actions,
// export and the kanban board. Browser-safe.
import { z } from "zod";

export const CONTACT_STAGES = ["NEW", "ENGAGED", "INTERESTED", "NEGOTIATION", "CONVERTED", "CHURNED"] as const;
export const TEMPERATURES = ["HOT", "WARM", "COLD", "DEAD"] as const;
export const CONTACT_SOURCES = ["WHATSAPP", "SMS", "EMAIL", "WEBSITE", "RAZORPAY", "IMPORT", "MANUAL", "API"] as const;
export const CONTACT_SORTS = ["score", "createdAt", "lastActivityAt", "name"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

export type ContactStage = (typeof CONTACT_STAGES)[number];
export type Temperature = (typeof TEMPERATURES)[number];

const many = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((value) => (value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(20))
    .default([]);

const optionalInt = (min: number, max: number, label: string) =>
  z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : value),
    z.coerce
      .number({ message: `${label} must be a number` })
      .int({ message: `${label} must be a whole number` })
      .min(min, { message: `${label} must be at least ${min}` })
      .max(max, { message: `${label} must be at most ${max}` })
      .optional(),
  ).optional();

const optionalDate = (label: string) =>
  z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : value),
    z.iso.date({ message: `${label} must be a date like 2026-11-22` }).optional(),
  ).optional();

export const contactFilterSchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(100, { message: "Search for at most 100 characters" })
      .refine((q) => !q.includes("\u0000"), { message: "Search can't contain a null character" })
      .optional()
      .default(""),
    stage: many(z.enum(CONTACT_STAGES, { message: "Unknown stage" })),
    temperature: many(z.enum(TEMPERATURES, { message: "Unknown temperature" })),
    source: many(z.enum(CONTACT_SOURCES, { message: "Unknown source" })),
    tag: many(z.uuid({ message: "Unknown tag" })),
    owner: z
      .union([z.literal("me"), z.literal("none"), z.uuid({ message: "Unknown owner" })], { message: "Unknown owner" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    company: z.uuid({ message: "Unknown company" }).optional().or(z.literal("").transform(() => undefined)),
    scoreMin: optionalInt(0, 100, "Minimum score"),
    scoreMax: optionalInt(0, 100, "Maximum score"),
    activeFrom: optionalDate("Last activity from"),
    activeTo: optionalDate("Last activity to"),
    /** Custom field equality filters, from `cf.<key>=<value>` in the URL. */
    cf: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "Unknown custom field" }),
        z.string().trim().max(200, { message: "Custom field filters take at most 200 characters" }),
        // A key that fails is reported by the record itself, not by the key's schema.
        { error: (issue) => (issue.code === "invalid_key" ? "Unknown custom field" : undefined) },
      )
      .optional()
      .default({}),
  })
  .refine((f) => f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax, {
    message: "Minimum score must not be above maximum score",
    path: ["scoreMin"],
  });

export type ContactFilter = z.output<typeof contactFilterSchema>;

export const contactListSchema = z.object({
  filter: contactFilterSchema,
  sort: z.enum(CONTACT_SORTS, { message: "Unknown sort" }).default("lastActivityAt"),
  dir: z.enum(["asc", "desc"], { message: "Sort direction must be asc or desc" }).default("desc"),
  page: z.coerce
    .number({ message: "Page must be a whole number" })
    .int({ message: "Page must be a whole number" })
    .min(1, { message: "Page must be 1 or more" })
    .max(100_000, { message: "Page must be at most 100000" })
    .default(1),
  perPage: z.coerce
    .number({ message: "Show 25, 50 or 100 per page" })
    .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n), {
      message: "Show 25, 50 or 100 per page",
    })
    .default(50),
});
export type ContactListInput = z.output<typeof contactListSchema>;

const FILTER_KEYS = ["q", "stage", "temperature", "source", "tag", "owner", "company", "scoreMin", "scoreMax", "activeFrom", "activeTo"] as const;

/** Reads a list view from URL search params (repeated keys for multi-select, `cf.<key>` for custom fields). */
export function contactListParamsToInput(params: URLSearchParams): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key).filter((value) => value !== "");
    if (values.length === 0) continue;
    filter[key] = ["stage", "temperature", "source", "tag"].includes(key) ? values : values[0];
  }
  const cf: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith("cf.") && value !== "") cf[key.slice(3)] = value;
  }
  filter.cf = cf;
  const input: Record<string, unknown> = { filter };
  for (const key of ["sort", "dir", "page", "perPage"] as const) {
    const value = params.get(key);
    if (value) input[key] = value;
  }
  return input;
}

/** Writes a filter back to URL search params (the inverse of contactListParamsToInput). */
export function contactFilterToParams(filter: Partial<ContactFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(filter.cf ?? {})) params.set(`cf.${key}`, value);
  return params;
}
