export { channelIdSchema as getChannelSchema, type ChannelIdInput as GetChannelInput } from "~/domain/channel/channel-fields.schema";
