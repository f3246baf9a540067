// The deals board and its table alternative, as read from the URL. Browser-safe.
import { z } from "zod";

export const BOARD_COLUMN_PAGE = 20;
export const LIST_PAGE_SIZE = 50;
export const DEAL_LIST_SORTS = ["updated", "value", "close", "title"] as const;
export type DealListSort = (typeof DEAL_LIST_SORTS)[number];

const pageNumber = (max: number) =>
  z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : typeof value === "string" ? Number(value) : value),
    z.number({ message: "Page must be a number" }).int().min(1, { message: "Page must be 1 or more" }).max(max).default(1),
  );

/** `pages[stageId]`: how many pages of that column to show ("Show more" adds one). */
export const dealBoardSchema = z.object({
  pages: z.record(z.uuid({ message: "Unknown stage" }), pageNumber(50)).default({}),
});
export type DealBoardInput = z.output<typeof dealBoardSchema>;

export const dealListSchema = z.object({
  stageId: z.preprocess((value) => (value === "" ? undefined : value), z.uuid({ message: "Unknown stage" }).optional()),
  sort: z.enum(DEAL_LIST_SORTS, { message: "Unknown sort" }).default("updated"),
  page: pageNumber(100_000),
});
export type DealListInput = z.output<typeof dealListSchema>;

/** Board params in the URL: `p.<stageId>=<pages>`. */
export function boardParamsToInput(params: URLSearchParams): Record<string, unknown> {
  const pages: Record<string, string> = {};
  for (const [key, value] of params) if (key.startsWith("p.")) pages[key.slice(2)] = value;
  return { pages };
}

export function showMoreHref(params: URLSearchParams, stageId: string, shownPages: number): string {
  const next = new URLSearchParams(params);
  next.set(`p.${stageId}`, String(shownPages + 1));
  return `?${next.toString()}`;
}
