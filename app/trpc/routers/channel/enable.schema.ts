export { channelIdSchema as enableChannelSchema, type ChannelIdInput as EnableChannelInput } from "~/domain/channel/channel-fields.schema";
