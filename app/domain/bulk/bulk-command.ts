// What a bulk action does, once its tag or owner has been looked up, and how
// its result reads ("Added tag vip to 99,870 contacts; 130 already had it").
// Stored in BulkOperation.action/params and re-read by the job. Browser-safe.
import { z } from "zod";
import { CONTACT_STAGES, TEMPERATURES } from "~/domain/contact/contact-filter.schema";
import {
  STAGE_LABELS,
  TEMPERATURE_LABELS,
  contactsLabel,
  formatCount,
} from "~/domain/contact/contact-labels";

export const BULK_ACTIONS = ["changeStage", "changeTemperature", "addTag", "removeTag", "assignOwner", "delete"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

export const resolvedBulkCommandSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("changeStage"), params: z.object({ stage: z.enum(CONTACT_STAGES) }) }),
  z.object({ action: z.literal("changeTemperature"), params: z.object({ temperature: z.enum(TEMPERATURES) }) }),
  z.object({ action: z.literal("addTag"), params: z.object({ tagId: z.uuid(), tagName: z.string() }) }),
  z.object({ action: z.literal("removeTag"), params: z.object({ tagId: z.uuid(), tagName: z.string() }) }),
  z.object({
    action: z.literal("assignOwner"),
    params: z.object({ ownerId: z.uuid().nullable(), ownerName: z.string().nullable() }),
  }),
  /** expectedCount: how many the person confirmed; a deletion that would now reach a different number does not start. */
  z.object({ action: z.literal("delete"), params: z.object({ expectedCount: z.number().int().nonnegative().optional() }) }),
]);
export type ResolvedBulkCommand = z.output<typeof resolvedBulkCommandSchema>;

/** "Add tag vip", "Move to Interested", … for headings. */
export function describeBulkCommand(command: ResolvedBulkCommand): string {
  switch (command.action) {
    case "changeStage":
      return `Move to ${STAGE_LABELS[command.params.stage]}`;
    case "changeTemperature":
      return `Mark ${TEMPERATURE_LABELS[command.params.temperature]}`;
    case "addTag":
      return `Add tag ${command.params.tagName}`;
    case "removeTag":
      return `Remove tag ${command.params.tagName}`;
    case "assignOwner":
      return command.params.ownerId ? `Assign to ${command.params.ownerName ?? "a member"}` : "Unassign";
    case "delete":
      return "Delete";
  }
}

/**
 * What happened, from how many contacts were in the selection (`total`) and
 * how many of them changed; the rest were already as asked (or gone).
 */
export function describeBulkResult(command: ResolvedBulkCommand, { total, changed }: { total: number; changed: number }): string {
  const rest = Math.max(0, total - changed);
  const already = (text: string) => (rest > 0 ? `; ${formatCount(rest)} ${text}` : "");
  switch (command.action) {
    case "changeStage":
      return `Moved ${contactsLabel(changed)} to ${STAGE_LABELS[command.params.stage]}${already(rest === 1 ? "was already there" : "were already there")}.`;
    case "changeTemperature":
      return `Marked ${contactsLabel(changed)} ${TEMPERATURE_LABELS[command.params.temperature]}${already(rest === 1 ? "already was" : "already were")}.`;
    case "addTag":
      return `Added tag ${command.params.tagName} to ${contactsLabel(changed)}${already("already had it")}.`;
    case "removeTag":
      return `Removed tag ${command.params.tagName} from ${contactsLabel(changed)}${already("didn't have it")}.`;
    case "assignOwner":
      return command.params.ownerId
        ? `Assigned ${contactsLabel(changed)} to ${command.params.ownerName ?? "the chosen member"}${already(rest === 1 ? "already was" : "already were")}.`
        : `Unassigned ${contactsLabel(changed)}${already(rest === 1 ? "already was unassigned" : "already were unassigned")}.`;
    case "delete":
      return `Deleted ${contactsLabel(changed)}${already(rest === 1 ? "was already gone" : "were already gone")}.`;
  }
}
