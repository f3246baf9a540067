export { simulatorViewSchema, type SimulatorViewInput } from "~/domain/simulator/simulator-message.schema";
