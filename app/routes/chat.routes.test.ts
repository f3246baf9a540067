// The conversation page and the contact page's "Message on…" form over real form posts (what a
// browser without JavaScript sends): sends, refusals with the words and the text typed, template
// previews, quick replies, status changes.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { signInCookie } from "~/testing/caller";
import { getRequest, postRequest, routeAnswer } from "~/testing/route-requests";
import { addMember, createContact, createOrganization } from "../../prisma/factories";
import { createChannel, createConversation, createMessageTemplate } from "../../prisma/factories-conversations";
import { action, loader } from "./_app.inbox_.$conversationId";
import { action as contactAction, loader as contactLoader } from "./_app.contacts.$id";

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

async function chat() {
  const { organization, owner } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const contact = await createContact(prisma, { organizationId: organization.id, name: "Kavya Iyer" });
  const whatsapp = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP", name: "Sales WhatsApp" });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: whatsapp.id });
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 60 * 60 * 1000), unreadCount: 3 } });
  const cookie = await signInCookie(agent.user, { organizationId: organization.id });
  const path = `/inbox/${conversation.id}`;
  const params = { conversationId: conversation.id };
  const post = (form: Record<string, string>) => routeAnswer(action, postRequest(path, cookie, form), params);
  return { organization, owner, agent, contact, whatsapp, conversation, cookie, path, params, post };
}

describe("/inbox/:conversationId", () => {
  test("opening it marks it read; a text is sent and the page comes back to the conversation", async () => {
    const c = await chat();
    const page = await routeAnswer(loader, getRequest(c.path, c.cookie), c.params);
    expect(page.status).toBe(200);
    const data = (await page.json()) as { view: { contact: { name: string }; window: { open: boolean } } };
    expect(data.view.contact.name).toBe("Kavya Iyer");
    expect(data.view.window.open).toBe(true);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).unreadCount).toBe(0);

    const sent = await c.post({ intent: "send", body: "Namaste Kavya!" });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(c.path);
    const note = await c.post({ intent: "send", body: "Call after 6", note: "on" });
    expect(note.status).toBe(302);
    const messages = await prisma.message.findMany({ where: { conversationId: c.conversation.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => [m.kind, m.status, m.body])).toEqual([
      ["TEXT", "QUEUED", "Namaste Kavya!"],
      ["NOTE", "SENT", "Call after 6"],
    ]);
  });

  test("a refused send answers with the reason and the text typed; nothing is written", async () => {
    const c = await chat();
    await prisma.conversation.update({ where: { id: c.conversation.id }, data: { lastInboundAt: new Date("2026-11-01T10:00:00Z") } });
    const refused = await c.post({ intent: "send", body: "Still there?" });
    expect(refused.status).toBe(412);
    expect(await refused.json()).toMatchObject({ intent: "send", draft: "Still there?", note: false, formError: expect.stringMatching(/24-hour window closed at 2 Nov 2026, 3:30 pm IST/) });
    const empty = await c.post({ intent: "send", body: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ formError: "Write a message: it is empty." });
    expect(await prisma.message.count({ where: { conversationId: c.conversation.id } })).toBe(0);
  });

  test("template: the preview renders or names what is missing; a missing variable is refused, a full one sent", async () => {
    const c = await chat();
    const template = await createMessageTemplate(prisma, { organizationId: c.organization.id, name: "demo_ready", body: "Hi {{firstName}}, your {{productName}} demo is ready." });
    const preview = await c.post({ intent: "previewTemplate", templateId: template.id, "variables.firstName": "Kavya", "variables.productName": "" });
    expect(await preview.json()).toEqual({
      intent: "previewTemplate",
      template: { id: template.id, values: { firstName: "Kavya", productName: "" }, text: null, missing: ["productName"] },
    });
    const refused = await c.post({ intent: "sendTemplate", templateId: template.id, "variables.firstName": "Kavya", "variables.productName": "" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ intent: "sendTemplate", formError: "The template “demo_ready” needs a value for {{productName}}." });
    expect(await prisma.message.count({ where: { conversationId: c.conversation.id } })).toBe(0);
    const full = await c.post({ intent: "previewTemplate", templateId: template.id, "variables.firstName": "Kavya", "variables.productName": "BankNifty" });
    expect(((await full.json()) as { template: { text: string } }).template.text).toBe("Hi Kavya, your BankNifty demo is ready.");
    expect((await c.post({ intent: "sendTemplate", templateId: template.id, "variables.firstName": "Kavya", "variables.productName": "BankNifty" })).status).toBe(302);
    expect((await prisma.message.findFirstOrThrow({ where: { conversationId: c.conversation.id } })).body).toBe("Hi Kavya, your BankNifty demo is ready.");
  });

  test("without JavaScript a quick reply goes into the text box after what was typed", async () => {
    const c = await chat();
    const reply = await prisma.quickReply.create({ data: { organizationId: c.organization.id, shortcut: "price", title: "Price", body: "₹2,999 a month." } });
    const answer = await c.post({ intent: "insertQuickReply", quickReplyId: reply.id, body: "Sure!" });
    expect(await answer.json()).toEqual({ intent: "insertQuickReply", draft: "Sure!\n₹2,999 a month.", note: false });
    expect(await prisma.message.count({ where: { conversationId: c.conversation.id } })).toBe(0);
  });

  test("status: resolve with a toast; a snooze in the past comes back on its field", async () => {
    const c = await chat();
    restoreClock = setClock(new Date("2026-12-03T12:00:00Z"));
    const resolved = await c.post({ intent: "setStatus", status: "RESOLVED" });
    expect(resolved.status).toBe(302);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).status).toBe("RESOLVED");
    const past = await c.post({ intent: "setStatus", status: "SNOOZED", snoozeUntil: "2026-12-01T09:00" });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ intent: "setStatus", fieldErrors: { snoozeUntil: expect.stringMatching(/after now/) } });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).status).toBe("RESOLVED");
  });

  test("assign from the header: an agent may only take it, a manager gives it to anyone; the page offers what each may do", async () => {
    const c = await chat();
    const manager = await addMember(prisma, { organizationId: c.organization.id, role: "MANAGER" });
    const managerCookie = await signInCookie(manager.user, { organizationId: c.organization.id });
    const viewOf = async (cookie: string) =>
      ((await (await routeAnswer(loader, getRequest(c.path, cookie), c.params)).json()) as { view: { assign: string; assignees: Array<{ userId: string }> } }).view;

    // An agent on an unassigned conversation may take it, and is offered nobody else.
    expect(await viewOf(c.cookie)).toMatchObject({ assign: "self", assignees: [] });
    const toManager = await c.post({ intent: "assign", conversationId: c.conversation.id, assigneeId: manager.user.id });
    expect(toManager.status).toBe(403);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).assigneeId).toBeNull();
    const taken = await c.post({ intent: "assign", conversationId: c.conversation.id, assigneeId: c.agent.user.id });
    expect(taken.status).toBe(302);
    expect(taken.headers.get("Location")).toBe(c.path);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).assigneeId).toBe(c.agent.user.id);

    // A manager is offered every member who can work conversations and hands it on.
    const managerView = await viewOf(managerCookie);
    expect(managerView.assign).toBe("any");
    expect(managerView.assignees.map((a) => a.userId)).toEqual(expect.arrayContaining([c.owner.id, c.agent.user.id, manager.user.id]));
    const handed = await routeAnswer(action, postRequest(c.path, managerCookie, { intent: "assign", conversationId: c.conversation.id, assigneeId: c.owner.id }), c.params);
    expect(handed.status).toBe(302);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).assigneeId).toBe(c.owner.id);
  });

  test("another agent's conversation is a 404 page and its posts change nothing", async () => {
    const c = await chat();
    const other = await addMember(prisma, { organizationId: c.organization.id, role: "AGENT" });
    await prisma.conversation.update({ where: { id: c.conversation.id }, data: { assigneeId: other.user.id } });
    expect((await routeAnswer(loader, getRequest(c.path, c.cookie), c.params)).status).toBe(404);
    expect((await c.post({ intent: "send", body: "hi" })).status).toBe(404);
    expect((await c.post({ intent: "setStatus", status: "RESOLVED" })).status).toBe(404);
    expect(await prisma.message.count({ where: { conversationId: c.conversation.id } })).toBe(0);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).unreadCount).toBe(3);
  });
});

describe("/contacts/:id conversations", () => {
  test("the page lists the contact's conversations; the form starts one on a channel and goes to it", async () => {
    const c = await chat();
    const sms = await createChannel(prisma, { organizationId: c.organization.id, kind: "SMS", name: "Alerts" });
    const page = await routeAnswer(contactLoader, getRequest(`/contacts/${c.contact.id}`, c.cookie), { id: c.contact.id });
    const data = (await page.json()) as { conversations: { conversations: Array<{ id: string }>; channels: Array<{ name: string }> } };
    expect(data.conversations.conversations.map((x) => x.id)).toEqual([c.conversation.id]);
    expect(data.conversations.channels.map((x) => x.name).sort()).toEqual(["Alerts", "Sales WhatsApp"]);

    const started = await routeAnswer(contactAction, postRequest(`/contacts/${c.contact.id}`, c.cookie, { intent: "startConversation", channelId: sms.id, body: "Your demo is at 5" }), { id: c.contact.id });
    expect(started.status).toBe(302);
    const created = await prisma.conversation.findFirstOrThrow({ where: { contactId: c.contact.id, channelId: sms.id } });
    expect(started.headers.get("Location")).toBe(`/inbox/${created.id}`);

    const empty = await routeAnswer(contactAction, postRequest(`/contacts/${c.contact.id}`, c.cookie, { intent: "startConversation", channelId: sms.id, body: "" }), { id: c.contact.id });
    expect(empty.status).toBe(400);
  });
});
