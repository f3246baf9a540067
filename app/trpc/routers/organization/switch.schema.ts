import { z } from "zod";

export const switchOrganizationSchema = z.object({
  organizationId: z.uuid({ message: "Choose an organization" }),
});
export type SwitchOrganizationInput = z.infer<typeof switchOrganizationSchema>;
