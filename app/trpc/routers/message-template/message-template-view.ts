// What a page or the chat receives of a template: its fields and the variables its body names.
import type { MessageTemplate } from "~/generated/prisma/client";
import { templateVariableNames } from "~/domain/conversation/message-template";

export function messageTemplateView(template: MessageTemplate) {
  return {
    id: template.id,
    name: template.name,
    channelKind: template.channelKind,
    language: template.language,
    category: template.category,
    body: template.body,
    approvalStatus: template.approvalStatus,
    contentSid: template.contentSid,
    variables: templateVariableNames(template.body),
    updatedAt: template.updatedAt,
  };
}
