import { createCallerFactory, router, type Context } from "~/trpc/trpc.server";
import { authRouter } from "~/trpc/routers/auth/_router";
import { organizationRouter } from "~/trpc/routers/organization/_router";
import { memberRouter } from "~/trpc/routers/member/_router";
import { invitationRouter } from "~/trpc/routers/invitation/_router";
import { outboxRouter } from "~/trpc/routers/outbox/_router";
import { sessionRouter } from "~/trpc/routers/session/_router";
import { dashboardRouter } from "~/trpc/routers/dashboard/_router";
import { contactRouter } from "~/trpc/routers/contact/_router";
import { contactsRouter } from "~/trpc/routers/contacts/_router";
import { bulkRouter } from "~/trpc/routers/bulk/_router";
import { tagRouter } from "~/trpc/routers/tag/_router";
import { customFieldRouter } from "~/trpc/routers/custom-field/_router";
import { followUpRouter } from "~/trpc/routers/follow-up/_router";
import { companyRouter } from "~/trpc/routers/company/_router";
import { dealRouter } from "~/trpc/routers/deal/_router";
import { dealStageRouter } from "~/trpc/routers/deal-stage/_router";
import { contactImportRouter } from "~/trpc/routers/contact-import/_router";
import { webFormRouter } from "~/trpc/routers/web-form/_router";
import { liveRouter } from "~/trpc/routers/live/_router";
import { channelRouter } from "~/trpc/routers/channel/_router";
import { conversationRouter } from "~/trpc/routers/conversation/_router";
import { quickReplyRouter } from "~/trpc/routers/quick-reply/_router";
import { messageTemplateRouter } from "~/trpc/routers/message-template/_router";
import { optOutKeywordRouter } from "~/trpc/routers/opt-out-keyword/_router";
import { simulatorRouter } from "~/trpc/routers/simulator/_router";
import { inboxRouter } from "~/trpc/routers/inbox/_router";
import { notificationRouter } from "~/trpc/routers/notification/_router";
import { productRouter } from "~/trpc/routers/product/_router";
import { paymentLinkRouter } from "~/trpc/routers/payment-link/_router";
import { paymentAccountRouter } from "~/trpc/routers/payment-account/_router";
import { paymentRouter } from "~/trpc/routers/payment/_router";

export const appRouter = router({
  auth: authRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  outbox: outboxRouter,
  session: sessionRouter,
  dashboard: dashboardRouter,
  contact: contactRouter,
  contacts: contactsRouter,
  bulk: bulkRouter,
  tag: tagRouter,
  customField: customFieldRouter,
  followUp: followUpRouter,
  company: companyRouter,
  deal: dealRouter,
  dealStage: dealStageRouter,
  contactImport: contactImportRouter,
  webForm: webFormRouter,
  live: liveRouter,
  channel: channelRouter,
  conversation: conversationRouter,
  quickReply: quickReplyRouter,
  messageTemplate: messageTemplateRouter,
  optOutKeyword: optOutKeywordRouter,
  simulator: simulatorRouter,
  inbox: inboxRouter,
  notification: notificationRouter,
  product: productRouter,
  paymentLink: paymentLinkRouter,
  paymentAccount: paymentAccountRouter,
  payment: paymentRouter,
});

export type AppRouter = typeof appRouter;

const createCallerForContext = createCallerFactory(appRouter);

export function createCaller(ctx: Context) {
  return createCallerForContext(ctx);
}
