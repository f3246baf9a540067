import type { z } from "zod";
import { dealFieldsSchema, dealIdField, versionField } from "~/trpc/routers/deal/deal-fields.schema";

/** Saves the whole deal form; a left-out contact, company or owner means none. */
export const updateDealSchema = dealFieldsSchema.extend({ dealId: dealIdField, version: versionField });
export type UpdateDealInput = z.output<typeof updateDealSchema>;
