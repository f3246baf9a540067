import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SimulatorViewInput } from "~/trpc/routers/simulator/view.schema";
import { canSeeConversation } from "~/domain/conversation/conversation-access";
import { findContactOfSender } from "~/models/inbound-message.server";
import {
  findConversationOnChannel,
  findSimulatorContact,
  listCustomerThread,
  listSimulatorChannels,
  listSimulatorContacts,
} from "~/models/simulator.server";
import { normalizePhone } from "~/utils/phone.server";

const notFound = (what: string) => new TRPCError({ code: "NOT_FOUND", message: `${what} not found.` });

/**
 * What the simulator shows: the sandbox channels and recent contacts to pick from, and, for the
 * chosen channel and customer, their conversation as the customer's phone shows it. A conversation
 * the member may not see (an agent's colleague's) shows no messages, like everywhere else.
 */
export async function viewSimulatorHandler({ ctx, input }: { ctx: OrgScopedContext; input: SimulatorViewInput }) {
  const organizationId = ctx.org.id;
  const [channels, contacts] = await Promise.all([listSimulatorChannels(ctx.db, { organizationId }), listSimulatorContacts(ctx.db, { organizationId })]);
  const channel = input.channelId ? channels.find((candidate) => candidate.id === input.channelId) : channels[0];
  if (!channel) {
    if (input.channelId) throw notFound("Channel");
    return { channels, contacts, channel: null, customer: null, conversationId: null, thread: null };
  }

  let customer: { contactId: string | null; name: string | null; phone: string | null; email: string | null } | null = null;
  if (input.contactId) {
    const contact = await findSimulatorContact(ctx.db, { organizationId, id: input.contactId });
    if (!contact) throw notFound("Contact");
    customer = { contactId: contact.id, name: contact.name, phone: contact.phone, email: contact.email };
  } else if (input.phone || input.email) {
    const phone = input.phone ? normalizePhone(input.phone) : null;
    const email = !phone && input.email ? input.email.toLowerCase() : null;
    if (phone || email) {
      const contact = await findContactOfSender(ctx.db, { organizationId, phone, email });
      customer = { contactId: contact?.id ?? null, name: contact?.name ?? null, phone, email };
    }
  }

  const conversation = customer?.contactId
    ? await findConversationOnChannel(ctx.db, { organizationId, contactId: customer.contactId, channelId: channel.id })
    : null;
  const visible = conversation ? canSeeConversation({ role: ctx.org.role, userId: ctx.user.id }, conversation) : false;
  const thread = conversation && visible ? await listCustomerThread(ctx.db, { organizationId, conversationId: conversation.id }) : null;
  return {
    channels,
    contacts,
    channel,
    customer,
    conversationId: visible ? (conversation?.id ?? null) : null,
    hidden: conversation !== null && !visible,
    thread,
  };
}
