// The live-event stream, called the way a browser's EventSource calls it: it
// listens only to the topics it asked for, and refuses topics the signed-in
// person may not see (another organization's, another person's, a contact of
// another organization), answering before it subscribes to anything.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { getRequest, routeAnswer } from "~/testing/route-requests";
import { liveEventHub, publishLiveEvent } from "~/services/live-events.server";
import { liveTopic, MAX_LIVE_TOPICS } from "~/utils/live-event";
import { addMember, createContact, createOrganization } from "../../prisma/factories";
import * as events from "./api.events";
import { createChannel, createConversation } from "../../prisma/factories-conversations";
import { userActor } from "~/services/command.server";
import { createMessageTemplate } from "~/services/message-template/create-message-template.server";
import { addConsentKeyword } from "~/services/opt-out-keyword/add-consent-keyword.server";

async function world() {
  const a = await createOrganization(prisma, { name: "Org A" });
  const b = await createOrganization(prisma, { name: "Org B" });
  const colleague = await addMember(prisma, { organizationId: a.organization.id, role: "AGENT" });
  const viewer = await addMember(prisma, { organizationId: a.organization.id, role: "VIEWER" });
  const aContact = await createContact(prisma, { organizationId: a.organization.id, name: "A Contact" });
  const aOther = await createContact(prisma, { organizationId: a.organization.id, name: "A Other" });
  const bContact = await createContact(prisma, { organizationId: b.organization.id, name: "B Contact" });
  const bChannel = await createChannel(prisma, { organizationId: b.organization.id });
  const bConversation = await createConversation(prisma, { organizationId: b.organization.id, contactId: bContact.id, channelId: bChannel.id });
  const cookie = await signInCookie(a.owner, { organizationId: a.organization.id });
  const viewerCookie = await signInCookie(viewer.user, { organizationId: a.organization.id });
  return { a, b, colleague, viewer, aContact, aOther, bContact, bConversation, cookie, viewerCookie };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

function streamPath(topics: string[]): string {
  const params = new URLSearchParams();
  for (const topic of topics) params.append("topic", topic);
  return `/api/events?${params}`;
}

async function open(topics: string[], cookie = w.cookie) {
  const controller = new AbortController();
  const request = new Request(getRequest(streamPath(topics), cookie), { signal: controller.signal });
  const response = await routeAnswer(events.loader, request);
  return { response, close: () => controller.abort() };
}

/** Reads the stream until its text so far satisfies `done`; returns that text. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

function dataLines(text: string): unknown[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice("data: ".length)));
}

describe("what a stream may listen to", () => {
  test("replaying organization B's ids is refused, for every kind of topic, and nothing subscribes", async () => {
    const before = liveEventHub().listenerCount();
    const refusals: Array<[string[], number, string]> = [
      [[liveTopic("organization", w.b.organization.id)], 403, "current organization"],
      [[liveTopic("contact", w.bContact.id)], 404, "Contact not found"],
      [[liveTopic("user", w.b.owner.id)], 403, "your own"],
      [[liveTopic("conversation", w.bConversation.id)], 404, "Conversation not found"],
      [[liveTopic("inbox", w.b.organization.id)], 403, "current organization"],
      [[liveTopic("templates", w.b.organization.id)], 403, "current organization"],
      [[liveTopic("consent-keywords", w.b.organization.id)], 403, "current organization"],
      // Someone else in the same organization is still someone else.
      [[liveTopic("user", w.colleague.user.id)], 403, "your own"],
      // One refused topic refuses the whole stream.
      [[liveTopic("organization", w.a.organization.id), liveTopic("contact", w.aContact.id), liveTopic("contact", w.bContact.id)], 404, "Contact not found"],
    ];
    for (const [topics, status, message] of refusals) {
      const { response } = await open(topics);
      expect(response.status, topics.join(" ")).toBe(status);
      expect(await response.text()).toContain(message);
      expect(response.headers.get("Content-Type")).not.toContain("event-stream");
    }
    expect(liveEventHub().listenerCount()).toBe(before);
  });

  test("an agent or viewer may not follow a colleague's conversation, only their own and unassigned ones", async () => {
    const channel = await createChannel(prisma, { organizationId: w.a.organization.id });
    const colleagues = await createConversation(prisma, { organizationId: w.a.organization.id, contactId: w.aContact.id, channelId: channel.id });
    await prisma.conversation.update({ where: { id: colleagues.id }, data: { assigneeId: w.colleague.user.id } });
    const unassigned = await createConversation(prisma, { organizationId: w.a.organization.id, contactId: w.aOther.id, channelId: channel.id });
    const refused = await open([liveTopic("conversation", colleagues.id)], w.viewerCookie);
    expect(refused.response.status).toBe(404);
    expect(await refused.response.text()).toContain("Conversation not found");
    const allowed = await open([liveTopic("conversation", unassigned.id)], w.viewerCookie);
    expect(allowed.response.status).toBe(200);
    allowed.close();
    // The owner sees every conversation of the organization.
    const owner = await open([liveTopic("conversation", colleagues.id)]);
    expect(owner.response.status).toBe(200);
    owner.close();
  });

  test("malformed topics get a clear 400", async () => {
    const cases: Array<[string[], string]> = [
      [["contact"], '"contact" is not a live topic'],
      [["deal:" + w.aContact.id], "is not a live topic"],
      [["contact:not-a-uuid"], "is not a live topic"],
      [Array.from({ length: MAX_LIVE_TOPICS + 1 }, () => liveTopic("contact", w.aContact.id)), `at most ${MAX_LIVE_TOPICS} topics`],
    ];
    for (const [topics, message] of cases) {
      const { response } = await open(topics);
      expect(response.status, topics[0]).toBe(400);
      expect(await response.text()).toContain(message);
    }
  });

  test("without a session the stream is 401", async () => {
    const { response } = await open([liveTopic("organization", w.a.organization.id)], "");
    expect(response.status).toBe(401);
  });
});

describe("a stream receives only its topics", () => {
  test("a contact page's stream gets its contact and its user, not the rest of the organization", async () => {
    const organizationId = w.a.organization.id;
    const viewerMembership = w.viewer.membership.id;
    // Upper-case ids name the same topics.
    const { response, close } = await open([`contact:${w.aContact.id.toUpperCase()}`, liveTopic("user", w.viewer.user.id)], w.viewerCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/event-stream");
    expect(await readUntil(response, (text) => text.includes(": connected"))).toContain("retry:");

    await publishLiveEvent(prisma, organizationId, { type: "contact.changed", contactIds: [w.aOther.id] });
    await publishLiveEvent(prisma, organizationId, { type: "dealStage.changed" });
    await publishLiveEvent(prisma, organizationId, { type: "member.updated", membershipId: "other", userId: w.colleague.user.id });
    await publishLiveEvent(prisma, organizationId, { type: "contact.changed", contactIds: [w.aContact.id] });
    await publishLiveEvent(prisma, organizationId, { type: "member.updated", membershipId: viewerMembership, userId: w.viewer.user.id });

    const text = await readUntil(response, (text) => dataLines(text).length >= 2);
    expect(dataLines(text)).toEqual([
      { type: "contact.changed", contactIds: [w.aContact.id] },
      { type: "member.updated", membershipId: viewerMembership, userId: w.viewer.user.id },
    ]);
    close();
  });

  test("a template page's stream hears templates, the opt-out page's the words, from the commands; neither the rest", async () => {
    const organizationId = w.a.organization.id;
    const templates = await open([liveTopic("templates", organizationId)], w.viewerCookie);
    const words = await open([liveTopic("consent-keywords", organizationId)], w.viewerCookie);
    expect([templates.response.status, words.response.status]).toEqual([200, 200]);
    await readUntil(templates.response, (text) => text.includes(": connected"));
    await readUntil(words.response, (text) => text.includes(": connected"));

    const ctx = { organizationId, actor: userActor(w.a.owner.id) };
    await publishLiveEvent(prisma, organizationId, { type: "contact.changed", contactIds: [w.aContact.id] });
    await publishLiveEvent(prisma, w.b.organization.id, { type: "consentKeywords.changed" });
    const created = await prisma.$transaction((tx) =>
      createMessageTemplate(tx, ctx, { name: "seat_held", channelKind: "SMS", language: "en", category: "UTILITY", body: "Your seat is held.", approvalStatus: "APPROVED", contentSid: undefined }),
    );
    await prisma.$transaction((tx) => addConsentKeyword(tx, ctx, { list: "OPT_OUT", word: "nahi chahiye" }));
    await publishLiveEvent(prisma, organizationId, { type: "conversation.changed", conversationId: w.bConversation.id, contactId: w.aContact.id });
    await publishLiveEvent(prisma, organizationId, { type: "messageTemplate.changed", templateId: created.id });

    expect(dataLines(await readUntil(templates.response, (text) => dataLines(text).length >= 2))).toEqual([
      { type: "messageTemplate.changed", templateId: created.id },
      { type: "messageTemplate.changed", templateId: created.id },
    ]);
    expect(dataLines(await readUntil(words.response, (text) => dataLines(text).length >= 1))).toEqual([{ type: "consentKeywords.changed" }]);
    templates.close();
    words.close();
  });

  test("with no topic named, a stream listens to the organization (everything in it), from the moment it answers", async () => {
    const organizationId = w.a.organization.id;
    const { response, close } = await open([]);
    expect(response.status).toBe(200);
    // Answered means listening: an event published right away arrives.
    await publishLiveEvent(prisma, w.b.organization.id, { type: "dealStage.changed" });
    await publishLiveEvent(prisma, organizationId, { type: "contact.changed", contactIds: [w.aOther.id] });
    const text = await readUntil(response, (text) => dataLines(text).length >= 1);
    expect(dataLines(text)).toEqual([{ type: "contact.changed", contactIds: [w.aOther.id] }]);
    close();
  });
});
