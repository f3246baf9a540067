// The organization's slices (inbox:, templates:, consent-keywords:) each hear one kind of event and
// nothing else of the organization; the organization topic still hears them all.
import { describe, expect, test } from "vitest";
import { eventMatchesTopics, liveTopic, liveTopicSchema, type LiveEvent } from "~/utils/live-event";

const ORG = "22222222-2222-4222-8222-222222222222";
const ids = { conversationId: "44444444-4444-4444-8444-444444444444", contactId: "55555555-5555-4555-8555-555555555555" };
const template: LiveEvent = { type: "messageTemplate.changed", templateId: "66666666-6666-4666-8666-666666666666" };
const words: LiveEvent = { type: "consentKeywords.changed" };
const others: LiveEvent[] = [
  { type: "conversation.changed", ...ids },
  { type: "message.changed", messageId: ids.contactId, ...ids },
  { type: "contact.changed", contactIds: [ids.contactId] },
  { type: "deal.changed", dealId: ids.contactId },
  { type: "notification.changed", notificationId: null, userId: ids.contactId },
];

describe("the templates and consent-keywords topics", () => {
  test("templates: hears template changes (and their refetch), nothing else", () => {
    const topics = new Set([liveTopic("templates", ORG)]);
    expect(eventMatchesTopics(template, topics)).toBe(true);
    expect(eventMatchesTopics({ type: "refetch", of: "messageTemplate.changed" }, topics)).toBe(true);
    expect(eventMatchesTopics(words, topics)).toBe(false);
    for (const event of others) expect(eventMatchesTopics(event, topics), event.type).toBe(false);
  });

  test("consent-keywords: hears the words changing, nothing else", () => {
    const topics = new Set([liveTopic("consent-keywords", ORG)]);
    expect(eventMatchesTopics(words, topics)).toBe(true);
    expect(eventMatchesTopics({ type: "refetch", of: "consentKeywords.changed" }, topics)).toBe(true);
    expect(eventMatchesTopics(template, topics)).toBe(false);
    for (const event of others) expect(eventMatchesTopics(event, topics), event.type).toBe(false);
  });

  test("the inbox does not hear them; the organization topic does", () => {
    expect(eventMatchesTopics(template, new Set([liveTopic("inbox", ORG)]))).toBe(false);
    expect(eventMatchesTopics(words, new Set([liveTopic("inbox", ORG), liveTopic("user", ids.contactId)]))).toBe(false);
    expect(eventMatchesTopics(template, new Set([liveTopic("organization", ORG)]))).toBe(true);
    expect(eventMatchesTopics(words, new Set([liveTopic("organization", ORG)]))).toBe(true);
  });

  test("they parse as topics; a look-alike kind does not", () => {
    expect(liveTopicSchema.parse(`templates:${ORG.toUpperCase()}`)).toBe(`templates:${ORG}`);
    expect(liveTopicSchema.parse(`consent-keywords:${ORG}`)).toBe(`consent-keywords:${ORG}`);
    expect(liveTopicSchema.safeParse(`template:${ORG}`).success).toBe(false);
    expect(liveTopicSchema.safeParse("templates:not-an-id").success).toBe(false);
  });
});
