import { z } from "zod";
import { organizationNameSchema } from "~/domain/auth/sign-up.schema";

export const createOrganizationSchema = z.object({ name: organizationNameSchema });
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;
