import { z } from "zod";
import { dealIdField } from "~/trpc/routers/deal/deal-fields.schema";

export const dealHistorySchema = z.object({ dealId: dealIdField });
export type DealHistoryInput = z.output<typeof dealHistorySchema>;
