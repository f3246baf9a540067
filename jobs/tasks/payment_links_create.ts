import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { ensureProviderPaymentLink } from "~/services/payment/ensure-provider-payment-link.server";
import { prisma } from "~/utils/db.server";

/** Asks the provider for a new link's checkout; a retryable provider error throws, so the job retries with backoff. */
const paymentLinksCreate: Task = async (payload, helpers) => {
  const { organizationId, paymentLinkId } = taskPayloadSchemas.payment_links_create.parse(payload);
  const outcome = await ensureProviderPaymentLink(prisma, { organizationId, paymentLinkId });
  helpers.logger.debug(`payment_links_create ${paymentLinkId}: ${"gone" in outcome ? outcome.gone : "ready"}`);
};

export default paymentLinksCreate;
