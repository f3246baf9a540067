// Making a payment link for a contact: the row first (with our own short code, so the link can be
// sent at once), its timeline entry and live event, and a job that asks the provider for the
// checkout (payment_links_create, key by the link's id; the provider is asked by our reference id
// first, so a retry never makes a second link). Optionally the link goes out in one of the
// contact's conversations through the send command, in the same transaction: if the message is
// refused (an opted-out contact, a closed WhatsApp window) no link is made either.
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { PaymentLink } from "~/generated/prisma/client";
import { formatAmount } from "~/domain/payment/money";
import { paymentLinkMessage, type CreatePaymentLinkInput } from "~/domain/payment/payment-link.schema";
import { findContact } from "~/models/contact.server";
import { findOrCreatePaymentAccount } from "~/models/payment-account.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import { fieldError } from "~/services/field-error.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { publishLiveEvents } from "~/services/live-events.server";
import { now } from "~/utils/clock";
import { appUrl } from "~/utils/env.server";

const CODE_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/** Ten characters from an alphabet without look-alikes: about 57 bits, not guessable. */
export function newPaymentLinkCode(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("");
}

/** The address the customer gets: ours, which counts the open and sends them on to the checkout. */
export function paymentLinkUrl(code: string): string {
  return `${appUrl().replace(/\/$/, "")}/p/${code}`;
}

export type CreatedPaymentLink = { link: PaymentLink; url: string; messageId: string | null; conversationId: string | null };

export async function createPaymentLink(tx: CommandTx, context: CommandContext, input: CreatePaymentLinkInput): Promise<CreatedPaymentLink> {
  const { organizationId } = context;
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  const product = input.productId ? await tx.product.findFirst({ where: { organizationId, id: input.productId } }) : null;
  if (input.productId && !product) throw fieldError("BAD_REQUEST", "productId", "That product doesn't exist.");
  if (product && !product.active) throw fieldError("BAD_REQUEST", "productId", `${product.name} is archived; choose a product on offer.`);
  const amountPaise = input.amount ?? product!.pricePaise;
  const description = input.description ?? product!.name;
  const account = await findOrCreatePaymentAccount(tx, { organizationId });
  const createdAt = now();
  const link = await tx.paymentLink.create({
    data: {
      organizationId,
      accountId: account.id,
      contactId: contact.id,
      productId: product?.id ?? null,
      createdById: context.actor.userId,
      code: newPaymentLinkCode(),
      checkout: input.checkout,
      amountPaise,
      currency: product?.currency ?? "INR",
      description,
      expiresAt: new Date(createdAt.getTime() + input.expiresInDays * 24 * 3_600_000),
      createdAt,
    },
  });
  const url = paymentLinkUrl(link.code);
  await recordContactEvents(tx, organizationId, context.actor, [
    { contactId: contact.id, type: "PAYMENT_LINK_CREATED", data: { paymentLinkId: link.id, amountPaise: amountPaise.toString(), description, productId: product?.id ?? null } },
  ]);
  await enqueueJob(tx, "payment_links_create", { organizationId, paymentLinkId: link.id }, { jobKey: jobKey("payment_links_create", link.id) });

  let sent: { messageId: string; conversationId: string } | null = null;
  if (input.sendInConversationId) {
    const conversation = await tx.conversation.findFirst({ where: { organizationId, id: input.sendInConversationId, contactId: contact.id } });
    if (!conversation) throw fieldError("BAD_REQUEST", "sendInConversationId", "That conversation isn't this contact's.");
    const body = paymentLinkMessage({ description, amount: formatAmount(amountPaise), url });
    const message = await sendMessage(tx, context, { conversationId: conversation.id, content: { kind: "TEXT", body } });
    sent = { messageId: message.messageId, conversationId: message.conversationId };
    await tx.paymentLink.update({ where: { id: link.id }, data: { conversationId: sent.conversationId, messageId: sent.messageId } });
  }
  await publishLiveEvents(tx, organizationId, [
    { type: "payment.changed", paymentLinkId: link.id, paymentId: null, contactId: contact.id, conversationId: sent?.conversationId ?? null },
  ]);
  return { link, url, messageId: sent?.messageId ?? null, conversationId: sent?.conversationId ?? null };
}
