import { z } from "zod";
import { dealIdField } from "~/trpc/routers/deal/deal-fields.schema";

export const deleteDealSchema = z.object({ dealId: dealIdField });
export type DeleteDealInput = z.output<typeof deleteDealSchema>;
