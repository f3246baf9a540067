import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh } from "~/components/live/live-events";
import { liveTopic } from "~/utils/live-event";
import { ContactHeader } from "~/components/contact/contact-header";
import { ContactTimeline } from "~/components/contact/contact-timeline";
import type { ContactFormReply } from "~/domain/contact/contact-form-reply";
import {
  AddNoteForm,
  ConsentSection,
  CustomFieldsSection,
  DetailsSection,
  DuplicatesSection,
  FollowUpsSection,
  OwnershipSection,
  StatusSection,
  TagsSection,
} from "~/components/contact/contact-sections";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { updateContactSchema } from "~/trpc/routers/contact/update.schema";
import { addNoteSchema } from "~/trpc/routers/contact/add-note.schema";
import { addTagSchema } from "~/trpc/routers/contact/add-tag.schema";
import { removeTagSchema } from "~/trpc/routers/contact/remove-tag.schema";
import { setConsentSchema } from "~/trpc/routers/contact/set-consent.schema";
import { mergeContactsSchema } from "~/domain/contact/merge.schema";
import { timelineSchema } from "~/trpc/routers/contact/timeline.schema";
import { createFollowUpSchema } from "~/trpc/routers/follow-up/create.schema";
import { completeFollowUpSchema } from "~/trpc/routers/follow-up/complete.schema";
import { cancelFollowUpSchema } from "~/trpc/routers/follow-up/cancel.schema";
import { dayRange, now as clockNow, timeZoneOrDefault, toLocalDateTimeInput } from "~/utils/clock";
import { parseContactForm } from "~/web/contact-form-action.server";
import { redirectAfter, runAndRedirect } from "~/web/form-action.server";
import { CONSENT_CHANNEL_LABELS, CONSENT_STATUS_LABELS } from "~/domain/contact/contact-labels";
import { contactIdOr404 } from "~/web/contact-id-param.server";
import { ContactBreadcrumb } from "~/components/contact/contact-breadcrumb";
import { ContactConversationsSection } from "~/components/conversation/contact-conversations";
import { startConversationSchema } from "~/domain/conversation/start-conversation.schema";
import { ContactPaymentsSection } from "~/components/payment/contact-payments";
import { isPaymentLinkIntent, paymentLinkAction } from "~/web/payment-link-action.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.contact.name} · Contacts · Leadlane` : "Contact · Leadlane" },
];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = contactIdOr404(params.id);
  const url = new URL(request.url);
  const timelineInput = timelineSchema.safeParse({ id, before: url.searchParams.get("before") ?? undefined });
  if (!timelineInput.success) throw json({ message: "That page of the timeline doesn't exist." }, { status: 400 });
  const { caller, ctx } = await getCaller(request);
  const profile = await loaderCall(request, () => caller.contact.get({ id }));
  const timeZone = timeZoneOrDefault(ctx.org?.timeZone);
  const [timeline, duplicates, options, conversations, payments] = await Promise.all([
    loaderCall(request, () => caller.contact.timeline(timelineInput.data)),
    loaderCall(request, () => caller.contact.duplicates({ id })),
    loaderCall(request, () => caller.contact.formOptions()),
    loaderCall(request, () => caller.conversation.forContact({ contactId: id })),
    loaderCall(request, () => caller.paymentLink.forContact({ contactId: id })),
  ]);
  const now = clockNow();
  // 10:00 tomorrow in the organization's zone.
  const tomorrow = dayRange(now, timeZone).end;
  return json({
    profile,
    timeline,
    duplicates,
    options,
    conversations,
    payments,
    before: timelineInput.data.before ?? null,
    now: now.toISOString(),
    defaultDueAt: `${toLocalDateTimeInput(tomorrow, timeZone).slice(0, 10)}T10:00`,
  });
}

const UPDATE_INTENTS = {
  details: "Details saved.",
  status: "Status saved.",
  ownership: "Owner and company saved.",
  customFields: "Custom fields saved.",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const id = contactIdOr404(params.id);
  const here = `/contacts/${id}`;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { caller } = await getCaller(request);
  // The contact is the one in the URL, whatever the form says.
  form.set("id", id);

  if (intent in UPDATE_INTENTS) {
    return redirectAfter(parseContactForm(form, updateContactSchema, intent), async (value) => {
      const result = await caller.contact.update(value);
      return { to: here, message: result.changed ? UPDATE_INTENTS[intent as keyof typeof UPDATE_INTENTS] : "Nothing changed." };
    });
  }

  if (isPaymentLinkIntent(intent)) return paymentLinkAction(caller, intent, form, { contactId: id, here });
  switch (intent) {
    case "addNote":
      return redirectAfter(parseContactForm(form, addNoteSchema, intent), async (value) => {
        await caller.contact.addNote(value);
        return { to: here, message: "Note added." };
      });
    case "addTag":
      return redirectAfter(parseContactForm(form, addTagSchema, intent), async (value) => {
        const tag = await caller.contact.addTag(value);
        return { to: here, message: tag.added ? `Tag ${tag.name} added.` : `Already tagged ${tag.name}.` };
      });
    case "consent": {
      const channel = String(form.get("channel") ?? "");
      return redirectAfter(parseContactForm(form, setConsentSchema, intent, channel), async (value) => {
        const consent = await caller.contact.setConsent(value);
        return {
          to: here,
          message: `${CONSENT_CHANNEL_LABELS[consent.channel]}: ${CONSENT_STATUS_LABELS[consent.status].toLowerCase()}.`,
        };
      });
    }
    case "startConversation":
      form.set("contactId", id);
      return redirectAfter(parseContactForm(form, startConversationSchema, intent), async (value) => {
        const sent = await caller.conversation.send({ contactId: id, channelId: value.channelId, content: { kind: "TEXT", body: value.body } });
        return { to: `/inbox/${sent.conversationId}`, message: "Message sent." };
      });
    case "scheduleFollowUp":
      form.set("contactId", id);
      return redirectAfter(parseContactForm(form, createFollowUpSchema, intent), async (value) => {
        await caller.followUp.create(value);
        return { to: here, message: "Follow-up scheduled." };
      });
    case "removeTag":
      return runAndRedirect(here, async () => {
        const removed = await caller.contact.removeTag(removeTagSchema.parse(Object.fromEntries(form)));
        return `Tag ${removed.name} removed.`;
      });
    case "completeFollowUp":
      return runAndRedirect(here, async () => {
        const result = await caller.followUp.complete(completeFollowUpSchema.parse({ id: form.get("followUpId") }));
        return result.alreadyDone ? "That follow-up was already done." : "Follow-up done.";
      });
    case "cancelFollowUp":
      return runAndRedirect(here, async () => {
        const result = await caller.followUp.cancel(cancelFollowUpSchema.parse({ id: form.get("followUpId") }));
        return result.alreadyCancelled ? "That follow-up was already cancelled." : "Follow-up cancelled.";
      });
    case "merge":
      return runAndRedirect(here, async () => {
        const summary = await caller.contact.merge(
          mergeContactsSchema.parse({ survivorId: id, duplicateId: form.get("duplicateId") }),
        );
        return `Merged ${summary.duplicate.name} into this contact.`;
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

export default function ContactPage() {
  const { profile, timeline, duplicates, options, conversations, payments, before, now, defaultDueAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<ContactFormReply | { message: string }>();
  const id = profile.contact.id;
  // This contact's topic only: the stream brings its changes and its follow-ups, nobody else's.
  useLiveRefresh([liveTopic("contact", id)], ["contact.changed", "followUp.changed", "conversation.changed", "payment.changed"]);
  // Without JavaScript a refused form comes back with the page: open its section so the errors show.
  const openWith = actionData && "intent" in actionData ? actionData.intent : undefined;
  const openKey = actionData && "intent" in actionData ? actionData.formKey : null;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <ContactBreadcrumb />
      <ContactHeader profile={profile} />
      {/* Phones: status, tags and follow-ups, then the timeline with the note form, then the rest. Wide screens: timeline on the left. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-start-1">
          <DuplicatesSection profile={profile} duplicates={duplicates} />
          <ContactConversationsSection contactId={id} data={conversations} reply={actionData && "intent" in actionData ? actionData : undefined} />
          <ContactPaymentsSection contactId={id} data={payments} reply={actionData && "intent" in actionData ? actionData : undefined} />
          <StatusSection profile={profile} openWith={openWith} />
          <TagsSection profile={profile} options={options} />
          <FollowUpsSection profile={profile} options={options} defaultDueAt={defaultDueAt} now={now} openWith={openWith} />
        </div>
        <div className="min-w-0 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <Card title={`Timeline${profile.notesCount ? ` · ${profile.notesCount} note${profile.notesCount === 1 ? "" : "s"}` : ""}`}>
            <AddNoteForm profile={profile} />
            <ContactTimeline
              page={timeline}
              olderHref={timeline.nextCursor ? `?${new URLSearchParams({ before: timeline.nextCursor })}` : null}
              newestHref={before ? `/contacts/${id}` : null}
            />
          </Card>
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-start-2">
          <DetailsSection profile={profile} openWith={openWith} />
          <OwnershipSection profile={profile} options={options} openWith={openWith} />
          <CustomFieldsSection profile={profile} openWith={openWith} />
          <ConsentSection profile={profile} openWith={openWith} openKey={openKey} />
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
