export { createChannelSchema, type CreateChannelInput } from "~/domain/channel/channel-fields.schema";
