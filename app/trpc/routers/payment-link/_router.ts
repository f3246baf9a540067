// Payment links for a contact: make one (optionally sent in one of their conversations), cancel an
// unpaid one, send one again, and read a contact's links and payments.
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { orgProcedure, router } from "~/trpc/trpc.server";
import { commandScope } from "~/trpc/command-scope.server";
import { createPaymentLinkSchema, paymentLinkIdSchema, paymentLinkMessage, resendPaymentLinkSchema } from "~/domain/payment/payment-link.schema";
import { formatAmount } from "~/domain/payment/money";
import { createPaymentLink, paymentLinkUrl } from "~/services/payment/create-payment-link.server";
import { cancelPaymentLink } from "~/services/payment/cancel-payment-link.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import { loadContact } from "~/trpc/routers/contact/contact-access.server";
import { canChargeContact, loadChargeableContact, loadManageableLink } from "~/trpc/routers/payment-link/payment-link-guards.server";
import { paymentLinkView, paymentView } from "~/trpc/routers/payment-link/payment-link-view";
import { listProducts } from "~/models/product.server";
import { findWorkableConversation } from "~/trpc/routers/conversation/conversation-guards.server";
import { productView } from "~/trpc/routers/product/product-view";

const RESENDABLE = new Set(["CREATED", "OPENED", "FAILED"]);

export const paymentLinkRouter = router({
  /** A contact's links (newest first) and payments, with what the make-a-link form needs. */
  forContact: orgProcedure("VIEWER")
    .input(z.object({ contactId: z.uuid({ message: "Contact not found." }) }))
    .query(async ({ ctx, input }) => {
      const contact = await loadContact(ctx, input.contactId);
      const organizationId = ctx.org.id;
      const [links, payments, products, conversations] = await Promise.all([
        ctx.db.paymentLink.findMany({ where: { organizationId, contactId: contact.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50, include: { product: { select: { name: true } }, createdBy: { select: { name: true } } } }),
        ctx.db.payment.findMany({ where: { organizationId, contactId: contact.id }, orderBy: [{ paidAt: "desc" }, { id: "desc" }], take: 50 }),
        listProducts(ctx.db, { organizationId, includeInactive: false }),
        ctx.db.conversation.findMany({ where: { organizationId, contactId: contact.id }, include: { channel: { select: { kind: true, name: true } } }, orderBy: { lastMessageAt: "desc" } }),
      ]);
      return {
        links: links.map((link) => paymentLinkView(link, paymentLinkUrl(link.code))),
        payments: payments.map(paymentView),
        products: products.map(productView),
        conversations: conversations.map((conversation) => ({ id: conversation.id, kind: conversation.channel.kind, channelName: conversation.channel.name })),
        amountSpentPaise: contact.amountSpentPaise.toString(),
        lastPaymentAt: contact.lastPaymentAt,
        canCharge: canChargeContact(ctx, contact),
      };
    }),
  create: orgProcedure("VIEWER")
    .input(createPaymentLinkSchema)
    .mutation(async ({ ctx, input }) => {
      await loadChargeableContact(ctx, input.contactId);
      // Sending it in a chat: the caller must be allowed to work that conversation.
      if (input.sendInConversationId) await findWorkableConversation(ctx, input.sendInConversationId);
      const created = await ctx.db.$transaction((tx) => createPaymentLink(tx, commandScope(ctx), input));
      return { id: created.link.id, url: created.url, conversationId: created.conversationId, contactId: created.link.contactId };
    }),
  cancel: orgProcedure("VIEWER")
    .input(paymentLinkIdSchema)
    .mutation(async ({ ctx, input }) => {
      const link = await loadManageableLink(ctx, input.id);
      const cancelled = await cancelPaymentLink(ctx.db, commandScope(ctx), { id: link.id });
      return { id: cancelled.id, contactId: cancelled.contactId, status: cancelled.status };
    }),
  /** Sends an unpaid link again, in one of the contact's conversations. */
  resend: orgProcedure("VIEWER")
    .input(resendPaymentLinkSchema)
    .mutation(async ({ ctx, input }) => {
      const link = await loadManageableLink(ctx, input.id);
      if (!RESENDABLE.has(link.status)) throw new TRPCError({ code: "CONFLICT", message: "Only an unpaid link can be sent again." });
      if (link.providerError) throw new TRPCError({ code: "CONFLICT", message: "Razorpay refused to make this link, so it can't be paid; make a new one." });
      const conversation = await findWorkableConversation(ctx, input.conversationId);
      if (conversation.contactId !== link.contactId) throw new TRPCError({ code: "NOT_FOUND", message: "That conversation isn't this contact's." });
      const body = paymentLinkMessage({ description: link.description, amount: formatAmount(link.amountPaise), url: paymentLinkUrl(link.code) });
      const sent = await ctx.db.$transaction((tx) => sendMessage(tx, commandScope(ctx), { conversationId: conversation.id, content: { kind: "TEXT", body } }));
      return { conversationId: sent.conversationId, messageId: sent.messageId, contactId: link.contactId };
    }),
});
