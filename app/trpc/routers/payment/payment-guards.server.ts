// What every payments procedure checks first: the member may read payments, and the product, agent and
// contact a filter names are the organization's (another organization's id is NOT_FOUND, never an empty
// list that would confirm it exists).
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { PaymentFilter } from "~/domain/payment/payment-filter";
import { findPaymentFilterAgent, findPaymentFilterContact, findPaymentFilterProduct, type PaymentScope } from "~/models/payment-list.server";
import { can } from "~/utils/permissions";

/**
 * Every role reads every payment of its organization (`read:payment:any`, from viewers up), as every role
 * reads every contact: a payment is a fact about a contact, and an agent working a lead sees its history.
 */
export function assertCanReadPayments(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "read:payment:any")) throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow seeing payments." });
}

export function paymentScope(ctx: OrgScopedContext): PaymentScope {
  return { organizationId: ctx.org.id, userId: ctx.user.id, timeZone: ctx.org.timeZone };
}

/** The names of what the filter picks, once each is known to be the organization's. */
export async function resolvePaymentFilter(ctx: OrgScopedContext, filter: PaymentFilter) {
  const organizationId = ctx.org.id;
  const [product, agent, contact] = await Promise.all([
    filter.product ? findPaymentFilterProduct(ctx.db, { organizationId, id: filter.product }) : null,
    filter.agent ? findPaymentFilterAgent(ctx.db, { organizationId, id: filter.agent }) : null,
    filter.contact ? findPaymentFilterContact(ctx.db, { organizationId, id: filter.contact }) : null,
  ]);
  if (filter.product && !product) throw new TRPCError({ code: "NOT_FOUND", message: "Product not found." });
  if (filter.agent && !agent) throw new TRPCError({ code: "NOT_FOUND", message: "Agent not found." });
  if (filter.contact && !contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  return { product, agent, contact };
}
