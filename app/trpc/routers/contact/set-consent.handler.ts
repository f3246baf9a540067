import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SetConsentInput } from "~/trpc/routers/contact/set-consent.schema";
import { actorFor, loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { setConsent } from "~/services/contact/set-consent.server";

/** Records a person's decision on a channel: opted in or out, when, by whom and why. */
export async function setConsentHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetConsentInput }) {
  const contact = await loadEditableContact(ctx, input.id);
  return ctx.db.$transaction((tx) =>
    setConsent(
      tx,
      { organizationId: ctx.org.id, actor: actorFor(ctx) },
      { contactId: contact.id, channel: input.channel, status: input.status, reason: input.reason },
    ),
  );
}
