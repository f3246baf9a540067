export { channelIdSchema as disableChannelSchema, type ChannelIdInput as DisableChannelInput } from "~/domain/channel/channel-fields.schema";
