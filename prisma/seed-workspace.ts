// Demo data for the leads workspace, beyond contacts: filled in by each part
// (companies and deals, contact details, forms, channels, payments). Each function is idempotent
// for a freshly seeded organization and gets the same context.
import type { PrismaClient } from "../app/generated/prisma/client";
import { seedCompaniesAndDeals } from "./seed-companies-deals";
import { seedContactDetails } from "./seed-contact-details";
import { seedWebForms } from "./seed-web-forms";
import { seedChannels } from "./seed-channels";
import { seedMessageTemplates } from "./seed-message-templates";
import { seedPayments } from "./seed-payments";

export type WorkspaceSeedContext = {
  organizationId: string;
  ownerId: string;
  agentIds: string[];
  contactIds: string[];
};

export async function seedWorkspace(db: PrismaClient, context: WorkspaceSeedContext) {
  await seedCompaniesAndDeals(db, context);
  await seedContactDetails(db, context);
  await seedWebForms(db, context);
  await seedChannels(db, context);
  await seedMessageTemplates(db, context);
  await seedPayments(db, context);
}
