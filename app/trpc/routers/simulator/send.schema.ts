export { simulatorMessageSchema as sendSimulatorMessageSchema, type SimulatorMessageInput as SendSimulatorMessageInput } from "~/domain/simulator/simulator-message.schema";
