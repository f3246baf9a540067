import { orgProcedure, router } from "~/trpc/trpc.server";
import { simulatorViewSchema } from "~/trpc/routers/simulator/view.schema";
import { viewSimulatorHandler } from "~/trpc/routers/simulator/view.handler";
import { sendSimulatorMessageSchema } from "~/trpc/routers/simulator/send.schema";
import { sendSimulatorMessageHandler } from "~/trpc/routers/simulator/send.handler";

// The phone simulator: anyone in the organization writes as a customer on a sandbox channel.
export const simulatorRouter = router({
  view: orgProcedure("VIEWER").input(simulatorViewSchema).query(viewSimulatorHandler),
  send: orgProcedure("VIEWER").input(sendSimulatorMessageSchema).mutation(sendSimulatorMessageHandler),
});
