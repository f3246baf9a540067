export { updateChannelSchema, type UpdateChannelInput } from "~/domain/channel/channel-fields.schema";
