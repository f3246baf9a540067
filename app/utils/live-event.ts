// Events sent to browsers over /api/events, and the topics they travel on.
// Browser-safe: the server routes events with the same rules the browser uses
// to hand them to the components that asked.
//
// Events carry ids only: a page that receives one refetches what it shows.
import { z } from "zod";

export type LiveEvent =
  | { type: "member.joined"; membershipId: string; userId: string }
  | { type: "member.updated"; membershipId: string; userId: string }
  | { type: "outbox.created"; outboxId: string }
  | { type: "contact.changed"; contactIds: string[] }
  | { type: "contacts.bulkChanged"; operationId: string }
  | { type: "bulk.progress"; operationId: string }
  | { type: "import.progress"; importId: string }
  | { type: "deal.changed"; dealId: string }
  | { type: "dealStage.changed" }
  | { type: "company.changed"; companyId: string }
  | { type: "followUp.changed"; followUpId: string; contactId: string }
  /** A conversation's list entry changed (new message, status, assignee, unread count). */
  | { type: "conversation.changed"; conversationId: string; contactId: string }
  /** A message was added to a conversation or its delivery status moved. */
  | { type: "message.changed"; messageId: string; conversationId: string; contactId: string }
  /** A message template was added, changed or deleted (the chat's template list, the template pages). */
  | { type: "messageTemplate.changed"; templateId: string }
  /** The organization's opt-out / opt-in words or confirmations changed (the opt-out settings page). */
  | { type: "consentKeywords.changed" }
  /** A payment link or a payment changed (created, opened, paid, refunded…): the contact's page, its chat, the payments page. */
  | { type: "payment.changed"; paymentLinkId: string | null; paymentId: string | null; contactId: string | null; conversationId: string | null }
  /** One person's notifications changed (a new one, one read): only ever sent to `user:<userId>`. */
  | { type: "notification.changed"; notificationId: string | null; userId: string }
  /** Something of type `of` changed, too much to name in one notification: refetch. */
  | { type: "refetch"; of: PublishedLiveEventType }
  /** A stream (re)opened: anything may have changed before it listened (since the page read its data, or while it was down). */
  | { type: "reconnected" };

export type LiveEventType = LiveEvent["type"];
/** The events a command publishes (the others are made by the transport). */
export type PublishedLiveEvent = Exclude<LiveEvent, { type: "refetch" } | { type: "reconnected" }>;
export type PublishedLiveEventType = PublishedLiveEvent["type"];

// ---------------------------------------------------------------------------
// Topics

/**
 * What a stream listens to. `organization:<id>`: everything in the organization
 * (lists, boards, settings). `contact:<id>`: what concerns one contact (its page).
 * `user:<id>`: what concerns one person (their membership), only ever yourself.
 * `conversation:<id>`: one conversation's messages and state (the open chat).
 * `inbox:<organization id>`: only that some conversation's list entry changed (the shell's inbox count,
 * on every page, without the rest of the organization's traffic).
 * `templates:<organization id>`: only the organization's message templates (an open chat's template
 * list, the template pages). `consent-keywords:<organization id>`: only its opt-out words (their page).
 */
export const LIVE_TOPIC_KINDS = ["organization", "contact", "user", "conversation", "inbox", "templates", "consent-keywords"] as const;
export type LiveTopicKind = (typeof LIVE_TOPIC_KINDS)[number];
export type LiveTopic = `${LiveTopicKind}:${string}`;

/** How many topics one stream may ask for. */
export const MAX_LIVE_TOPICS = 20;

const UUID = z.uuid();

export const liveTopicSchema = z.string().transform((value, ctx): LiveTopic => {
  const separator = value.indexOf(":");
  const kind = value.slice(0, separator);
  const id = value.slice(separator + 1).toLowerCase();
  if (separator < 0 || !(LIVE_TOPIC_KINDS as readonly string[]).includes(kind) || !UUID.safeParse(id).success) {
    ctx.addIssue({
      code: "custom",
      message: `"${value.slice(0, 60)}" is not a live topic: use organization:<id>, contact:<id>, user:<id>, conversation:<id>, inbox:<id>, templates:<id> or consent-keywords:<id>`,
    });
    return z.NEVER;
  }
  return `${kind as LiveTopicKind}:${id}`;
});

export function liveTopic(kind: LiveTopicKind, id: string): LiveTopic {
  return `${kind}:${id.toLowerCase()}`;
}

/** A topic every stream of that kind receives (used when ids are too many to list). */
type AnyOfKind = `${Exclude<LiveTopicKind, "organization">}:*`;

/** The topics (besides the organization's) an event is for. */
function narrowTopicsOf(event: PublishedLiveEvent): LiveTopic[] {
  switch (event.type) {
    case "contact.changed":
      return event.contactIds.map((id) => liveTopic("contact", id));
    case "followUp.changed":
      return [liveTopic("contact", event.contactId)];
    case "conversation.changed":
    case "message.changed":
      return [liveTopic("conversation", event.conversationId), liveTopic("contact", event.contactId)];
    case "payment.changed":
      return [
        ...(event.contactId ? [liveTopic("contact", event.contactId)] : []),
        ...(event.conversationId ? [liveTopic("conversation", event.conversationId)] : []),
      ];
    case "member.joined":
    case "member.updated":
    case "notification.changed":
      return [liveTopic("user", event.userId)];
    default:
      return [];
  }
}

const NARROW_KINDS: Partial<Record<PublishedLiveEventType, AnyOfKind>> = {
  "contact.changed": "contact:*",
  "followUp.changed": "contact:*",
  "conversation.changed": "conversation:*",
  "message.changed": "conversation:*",
  "payment.changed": "contact:*",
  "member.joined": "user:*",
  "member.updated": "user:*",
  "notification.changed": "user:*",
};

/**
 * The topics named by the organization's id that hear one kind of event each, and nothing else of the
 * organization: `inbox:` a conversation's list entry, `templates:` a template, `consent-keywords:` the words.
 */
const ORGANIZATION_SLICE_OF: Partial<Record<PublishedLiveEventType, LiveTopicKind>> = {
  "conversation.changed": "inbox",
  "messageTemplate.changed": "templates",
  "consentKeywords.changed": "consent-keywords",
};

function organizationSliceOf(event: LiveEvent): LiveTopicKind | undefined {
  return ORGANIZATION_SLICE_OF[event.type === "refetch" ? event.of : (event.type as PublishedLiveEventType)];
}

/** Events for one person only: the organization topic does not receive them, their user topic does. */
const PERSONAL_EVENT_TYPES: ReadonlySet<LiveEventType> = new Set<LiveEventType>(["notification.changed"]);

/**
 * Whether a stream listening to `topics` (all in one organization, already
 * authorized) receives the event. The organization topic receives everything
 * except personal events (a notification goes to its user's topic only);
 * a "refetch" reaches every stream with a topic of the kind its event names.
 */
export function eventMatchesTopics(event: LiveEvent, topics: ReadonlySet<string>): boolean {
  if (event.type === "reconnected") return true;
  if (PERSONAL_EVENT_TYPES.has(event.type)) return narrowTopicsOf(event as PublishedLiveEvent).some((topic) => topics.has(topic));
  for (const topic of topics) if (topic.startsWith("organization:")) return true;
  // Topics all belong to the stream's one organization, so a slice of it (inbox:, templates:…) matches its events.
  const slice = organizationSliceOf(event);
  if (slice) for (const topic of topics) if (topic.startsWith(`${slice}:`)) return true;
  if (event.type === "refetch") {
    const wildcard = NARROW_KINDS[event.of];
    if (!wildcard) return false;
    const prefix = wildcard.slice(0, -1);
    for (const topic of topics) if (topic.startsWith(prefix)) return true;
    return false;
  }
  return narrowTopicsOf(event).some((topic) => topics.has(topic));
}
