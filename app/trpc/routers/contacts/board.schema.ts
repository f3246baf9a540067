// The kanban board: the list's filter plus how far each column is paged
// ("Show more" adds BOARD_PAGE_SIZE cards: `page.NEW=2` shows the first 40).
import { z } from "zod";
import {
  CONTACT_STAGES,
  contactFilterSchema,
  contactListParamsToInput,
  type ContactStage,
} from "~/domain/contact/contact-filter.schema";

export const BOARD_PAGE_SIZE = 20;
export const BOARD_MAX_PAGE = 25;

const columnPage = z.coerce
  .number({ message: "A column page must be a number" })
  .int({ message: "A column page must be a whole number" })
  .min(1, { message: "A column page must be 1 or more" })
  .max(BOARD_MAX_PAGE, { message: `A column shows at most ${BOARD_MAX_PAGE * BOARD_PAGE_SIZE} cards` });

export const boardSchema = z.object({
  filter: contactFilterSchema,
  pages: z.partialRecord(z.enum(CONTACT_STAGES, { message: "Unknown stage" }), columnPage).default({}),
});
export type BoardInput = z.output<typeof boardSchema>;

export function columnPageParam(stage: ContactStage): string {
  return `page.${stage}`;
}

/** Reads the board from URL search params: the list's filter keys plus `page.<STAGE>`. */
export function boardParamsToInput(params: URLSearchParams): Record<string, unknown> {
  const { filter } = contactListParamsToInput(params);
  const pages: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith("page.") && value !== "") pages[key.slice(5)] = value;
  }
  return { filter, pages };
}
