// The shapes the chat components render: procedure outputs as they arrive in the browser (dates as strings).
import type { SerializeFrom } from "@remix-run/node";
import type { getConversationHandler } from "~/trpc/routers/conversation/get.handler";
import type { conversationMessagesHandler } from "~/trpc/routers/conversation/messages.handler";
import type { conversationTemplatesHandler } from "~/trpc/routers/conversation/templates.handler";

export type ChatView = SerializeFrom<Awaited<ReturnType<typeof getConversationHandler>>>;
export type ChatMessagePage = SerializeFrom<Awaited<ReturnType<typeof conversationMessagesHandler>>>;
export type ChatMessageView = ChatMessagePage["messages"][number];
export type ChatTemplate = SerializeFrom<Awaited<ReturnType<typeof conversationTemplatesHandler>>>[number];
export type ChatQuickReply = { id: string; shortcut: string; title: string; body: string };

export type { ChatReply } from "~/domain/conversation/chat-reply";
