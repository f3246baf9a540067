import { orgProcedure, router } from "~/trpc/trpc.server";
import { getConversationSchema } from "~/trpc/routers/conversation/get.schema";
import { getConversationHandler } from "~/trpc/routers/conversation/get.handler";
import { conversationMessagesSchema } from "~/trpc/routers/conversation/messages.schema";
import { conversationMessagesHandler } from "~/trpc/routers/conversation/messages.handler";
import { sendConversationMessageSchema } from "~/trpc/routers/conversation/send.schema";
import { sendConversationMessageHandler } from "~/trpc/routers/conversation/send.handler";
import { markConversationReadSchema } from "~/trpc/routers/conversation/mark-read.schema";
import { markConversationReadHandler } from "~/trpc/routers/conversation/mark-read.handler";
import { setConversationStatusSchema } from "~/trpc/routers/conversation/set-status.schema";
import { setConversationStatusHandler } from "~/trpc/routers/conversation/set-status.handler";
import { conversationTemplatesSchema } from "~/trpc/routers/conversation/templates.schema";
import { conversationTemplatesHandler } from "~/trpc/routers/conversation/templates.handler";
import { contactConversationsSchema } from "~/trpc/routers/conversation/for-contact.schema";
import { contactConversationsHandler } from "~/trpc/routers/conversation/for-contact.handler";

// Every procedure applies the access rule (conversation-guards): not visible → NOT_FOUND, not workable → FORBIDDEN.
export const conversationRouter = router({
  get: orgProcedure("VIEWER").input(getConversationSchema).query(getConversationHandler),
  messages: orgProcedure("VIEWER").input(conversationMessagesSchema).query(conversationMessagesHandler),
  templates: orgProcedure("VIEWER").input(conversationTemplatesSchema).query(conversationTemplatesHandler),
  forContact: orgProcedure("VIEWER").input(contactConversationsSchema).query(contactConversationsHandler),
  send: orgProcedure("VIEWER").input(sendConversationMessageSchema).mutation(sendConversationMessageHandler),
  markRead: orgProcedure("VIEWER").input(markConversationReadSchema).mutation(markConversationReadHandler),
  setStatus: orgProcedure("VIEWER").input(setConversationStatusSchema).mutation(setConversationStatusHandler),
});
