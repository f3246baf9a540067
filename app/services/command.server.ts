// The shape every domain command shares: `command(tx, { organizationId, actor }, input)`.
// A command applies the action's rules, writes the rows and the timeline, and publishes
// the live event, inside the caller's transaction; a tRPC handler, a bulk job, an import,
// a webhook job or a workflow step call the same one.
import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/services/contact-events.server";

export type { Actor };

/** A transaction: commands never open their own, so a caller can group several. */
export type CommandTx = Prisma.TransactionClient;

/** Whose data, and who is acting. The organization always comes from a verified session or a stored row. */
export type CommandContext = { organizationId: string; actor: Actor };

/** A member acting through the app. */
export function userActor(userId: string): Actor {
  return { userId };
}

/**
 * A part of the system acting: "Import" (on behalf of whoever started it), "Web form: Pricing page",
 * and soon a workflow run. The timeline shows the label, with the person when there is one.
 */
export function systemActor(label: string, onBehalfOf: string | null = null): Actor {
  return { userId: onBehalfOf, label: label.slice(0, 120) };
}
