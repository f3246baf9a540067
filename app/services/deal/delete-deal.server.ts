// Deleting a deal: its contact's timeline keeps a note of what was deleted.
import { deleteDeal as deleteDealRow, findDeal, lockDeal } from "~/models/deal.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { dealDeletedEvents } from "~/services/deal/deal-events.server";
import { dealNotFound } from "~/services/deal/deal-refs.server";
import { recordDealEvents } from "~/services/deal/save-deal-change.server";
import { publishLiveEvent } from "~/services/live-events.server";

export async function deleteDeal(tx: CommandTx, scope: CommandContext, { dealId }: { dealId: string }) {
  const { organizationId } = scope;
  // Locked, so the timeline names the deal exactly as it was deleted.
  await lockDeal(tx, { organizationId, dealId });
  const deal = await findDeal(tx, { organizationId, dealId });
  if (!deal) throw dealNotFound();
  await deleteDealRow(tx, { organizationId, dealId });
  await recordDealEvents(tx, scope, dealDeletedEvents(deal));
  await publishLiveEvent(tx, organizationId, { type: "deal.changed", dealId });
  return { dealId };
}
