// Demo channels: one WhatsApp and one SMS sender on the sandbox, so `npm run dev` can send and the
// phone simulator can answer without any Twilio account.
import type { PrismaClient } from "../app/generated/prisma/client";
import { createChannel } from "./factories-conversations";
import type { WorkspaceSeedContext } from "./seed-workspace";

export const DEMO_CHANNELS = [
  { kind: "WHATSAPP", name: "Demo WhatsApp", address: "+919820000001" },
  { kind: "SMS", name: "Demo SMS", address: "+919820000002" },
] as const;

export async function seedChannels(db: PrismaClient, context: Pick<WorkspaceSeedContext, "organizationId">): Promise<void> {
  for (const channel of DEMO_CHANNELS) {
    await createChannel(db, { organizationId: context.organizationId, provider: "SANDBOX", ...channel });
  }
}
