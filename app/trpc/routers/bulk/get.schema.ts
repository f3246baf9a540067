import { z } from "zod";

export const getBulkOperationSchema = z.object({ id: z.uuid({ message: "Bulk action not found" }) });
export type GetBulkOperationInput = z.output<typeof getBulkOperationSchema>;
