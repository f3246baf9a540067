import { z } from "zod";
import { dealIdField } from "~/trpc/routers/deal/deal-fields.schema";

export const getDealSchema = z.object({ dealId: dealIdField });
export type GetDealInput = z.output<typeof getDealSchema>;
