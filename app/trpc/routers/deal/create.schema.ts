import type { z } from "zod";
import { dealFieldsSchema } from "~/trpc/routers/deal/deal-fields.schema";

export const createDealSchema = dealFieldsSchema;
export type CreateDealInput = z.output<typeof createDealSchema>;
