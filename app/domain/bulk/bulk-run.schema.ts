// bulk.run (tRPC reserves "apply"): a selection (some contacts by id, or everything matching a
// filter) and one action with its parameters.
import { z } from "zod";
import { CONTACT_STAGES, TEMPERATURES, contactFilterSchema } from "~/domain/contact/contact-filter.schema";

export const BULK_MAX_IDS = 100_000;

export const bulkSelectionSchema = z.union(
  [
    z.object({
      ids: z
        .array(z.uuid({ message: "Unknown contact" }))
        .min(1, { message: "Select at least one contact" })
        .max(BULK_MAX_IDS, { message: `Select at most ${BULK_MAX_IDS} contacts by hand, or choose all matching the filter` }),
    }),
    z.object({ filter: contactFilterSchema }),
  ],
  { message: "Select some contacts, or all contacts matching a filter" },
);
export type BulkSelection = z.output<typeof bulkSelectionSchema>;

const selection = { selection: bulkSelectionSchema };

export const bulkRunSchema = z.discriminatedUnion(
  "action",
  [
    z.object({
      ...selection,
      action: z.literal("changeStage"),
      params: z.object({ stage: z.enum(CONTACT_STAGES, { message: "Choose a stage" }) }),
    }),
    z.object({
      ...selection,
      action: z.literal("changeTemperature"),
      params: z.object({ temperature: z.enum(TEMPERATURES, { message: "Choose a temperature" }) }),
    }),
    z.object({
      ...selection,
      action: z.literal("addTag"),
      params: z
        .object({
          tagId: z.uuid({ message: "Choose a tag" }).optional(),
          /** Or a tag by name, created when missing. */
          tagName: z.string().trim().min(1, { message: "Name the tag" }).max(60, { message: "Use at most 60 characters" }).optional(),
        })
        .refine((params) => Boolean(params.tagId) !== Boolean(params.tagName), { message: "Choose one tag", path: ["tagId"] }),
    }),
    z.object({
      ...selection,
      action: z.literal("removeTag"),
      params: z.object({ tagId: z.uuid({ message: "Choose a tag" }) }),
    }),
    z.object({
      ...selection,
      action: z.literal("assignOwner"),
      /** null unassigns. */
      params: z.object({ ownerId: z.uuid({ message: "Choose a member of this organization" }).nullable() }),
    }),
    z.object({
      ...selection,
      action: z.literal("delete"),
      params: z
        .object({
          /** The count shown in the confirmation: if a different number matches now, nothing is deleted. */
          expectedCount: z.number({ message: "Confirm how many contacts to delete" }).int().nonnegative().optional(),
        })
        .optional()
        .default({}),
    }),
  ],
  { message: "Choose an action" },
);
export type BulkRunInput = z.output<typeof bulkRunSchema>;
