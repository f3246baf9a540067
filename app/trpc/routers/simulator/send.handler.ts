import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SendSimulatorMessageInput } from "~/trpc/routers/simulator/send.schema";
import { simulateInboundMessage } from "~/services/simulator/simulate-inbound-message.server";
import { appUrl, getEnv } from "~/utils/env.server";

/** Where the app is reached: APP_URL, else the origin this request came to (development, tests). */
function baseUrlOf(ctx: OrgScopedContext): string {
  const env = getEnv();
  if (env.APP_URL || !ctx.request) return appUrl(env);
  return new URL(ctx.request.url).origin;
}

/** A customer's message, through the same webhook inbox and job as a real one. Every member may use it. */
export async function sendSimulatorMessageHandler({ ctx, input }: { ctx: OrgScopedContext; input: SendSimulatorMessageInput }) {
  return simulateInboundMessage(ctx.db, { organizationId: ctx.org.id }, input, { baseUrl: baseUrlOf(ctx) });
}
