// The refusals every channel command shares, worded for the admin who sees them.
import { TRPCError } from "@trpc/server";
import { CHANNEL_KIND_LABELS, type ChannelKindValue } from "~/domain/channel/channel-fields.schema";
import { fieldError } from "~/services/field-error.server";

export const CHANNEL_NOT_FOUND = "Channel not found.";

export function channelNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: CHANNEL_NOT_FOUND });
}

export function channelAddressTaken(kind: ChannelKindValue, address: string) {
  return fieldError("CONFLICT", "address", `There is already ${kind === "WHATSAPP" ? "a" : "an"} ${CHANNEL_KIND_LABELS[kind]} channel for ${address}.`);
}
