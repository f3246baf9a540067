// The refusals the template commands share, worded for the admin who sees them.
import { TRPCError } from "@trpc/server";
import { CHANNEL_KIND_LABELS, type ChannelKindValue } from "~/domain/channel/channel-fields.schema";
import { fieldError } from "~/services/field-error.server";

export function messageTemplateNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: "Template not found." });
}

export function messageTemplateNameTaken({ channelKind, name, language }: { channelKind: ChannelKindValue; name: string; language: string }) {
  return fieldError("CONFLICT", "name", `There is already ${channelKind === "SMS" ? "an" : "a"} ${CHANNEL_KIND_LABELS[channelKind]} template called “${name}” in ${language}.`);
}
