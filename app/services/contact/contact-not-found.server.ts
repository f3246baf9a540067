// The errors contact commands raise for a contact that isn't there (or is another organization's)
// and for a write based on an old version of it.
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/generated/prisma/client";
import { findUserName } from "~/models/contact.server";
import { organizationTimeZone } from "~/models/organization.server";
import { changedByConflict } from "~/services/changed-by.server";

export function contactNotFound(): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
}

/** "Priya Shah was changed by Aisha Khan at … — reload to see their changes." */
export async function contactChangedMeanwhile(
  tx: Prisma.TransactionClient,
  contact: { organizationId: string; name: string; updatedById: string | null; updatedAt: Date },
): Promise<TRPCError> {
  const editor = contact.updatedById ? await findUserName(tx, { userId: contact.updatedById }) : null;
  const timeZone = await organizationTimeZone(tx, { organizationId: contact.organizationId });
  return changedByConflict({ who: editor?.name, when: contact.updatedAt, what: contact.name, timeZone });
}
