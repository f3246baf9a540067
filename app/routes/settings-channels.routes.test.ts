// The /settings/channels pages over real form posts (what a browser without JavaScript sends).
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { getRequest, postRequest, routeAnswer } from "~/testing/route-requests";
import { channelCredentials } from "~/models/channel.server";
import { addMember, createOrganization } from "../../prisma/factories";
import { createChannel } from "../../prisma/factories-conversations";
import { action as listAction, loader as listLoader } from "./_app.settings.channels";
import { action as editAction, loader as editLoader } from "./_app.settings.channels_.$channelId";

const SID = `AC${"c3".repeat(16)}`;
const TOKEN = "abcdefabcdefabcdefabcdefabcdef12";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const cookie = await signInCookie(owner, { organizationId: organization.id });
  return { organization, owner, agent, cookie };
}

describe("/settings/channels", () => {
  test("adding a WhatsApp channel by form post; the page lists it with its Twilio webhook URLs and no credentials", async () => {
    const a = await team();
    const answer = await routeAnswer(
      listAction,
      postRequest("/settings/channels", a.cookie, { intent: "create", kind: "WHATSAPP", name: "Sales", address: "+91 98765 43210", accountSid: SID, authToken: TOKEN, ratePerSecond: "" }),
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/settings/channels");
    const channel = await prisma.channel.findFirstOrThrow({ where: { organizationId: a.organization.id } });
    expect(channel).toMatchObject({ provider: "TWILIO", address: "+919876543210", ratePerSecond: null });

    const page = await routeAnswer(listLoader, getRequest("/settings/channels", a.cookie));
    const text = await page.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SID);
    expect(text).not.toContain(channel.secrets!);
    const data = JSON.parse(text) as { baseUrl: string; channels: Array<{ id: string; savedCredentials: string[] }> };
    expect(data.baseUrl).toBe("http://localhost:3000");
    expect(data.channels).toEqual([expect.objectContaining({ id: channel.id, savedCredentials: ["accountSid", "authToken"] })]);
  });

  test("bad input comes back to the form with field errors and status 400, nothing written", async () => {
    const a = await team();
    const answer = await routeAnswer(
      listAction,
      postRequest("/settings/channels", a.cookie, { intent: "create", kind: "SMS", name: "", address: "12", accountSid: SID, authToken: TOKEN, ratePerSecond: "abc" }),
    );
    expect(answer.status).toBe(400);
    const text = await answer.text();
    // The refused form is not handed its credentials back (they would be in the page).
    expect(text).not.toContain(SID);
    expect(text).not.toContain(TOKEN);
    const reply = JSON.parse(text) as { error: Record<string, string[]> };
    expect(reply.error).toMatchObject({ name: ["Enter a name"], ratePerSecond: [expect.stringMatching(/sends per second/)] });
    expect(await prisma.channel.count({ where: { organizationId: a.organization.id } })).toBe(0);

    // A refusal from the command (the sender is taken) leaves them out too.
    await createChannel(prisma, { organizationId: a.organization.id, kind: "SMS", address: "+919876543210" });
    const taken = await routeAnswer(listAction, postRequest("/settings/channels", a.cookie, { intent: "create", kind: "SMS", name: "Two", address: "+919876543210", accountSid: SID, authToken: TOKEN }));
    expect(taken.status).toBe(409);
    const takenText = await taken.text();
    expect(takenText).toContain("There is already an SMS channel for +919876543210.");
    expect(takenText).not.toContain(TOKEN);
    expect(takenText).not.toContain(SID);
  });

  test("an email channel's secret is answered once on the page that made it; editing keeps it unless asked", async () => {
    const a = await team();
    const created = await routeAnswer(listAction, postRequest("/settings/channels", a.cookie, { intent: "create", kind: "EMAIL", name: "Inbox", address: "inbox@example.com" }));
    expect(created.status).toBe(200);
    const { revealed } = (await created.json()) as { revealed: { secret: string } };
    const channel = await prisma.channel.findFirstOrThrow({ where: { organizationId: a.organization.id } });
    expect(channelCredentials(channel).inboundSecret).toBe(revealed.secret);
    expect(await (await routeAnswer(listLoader, getRequest("/settings/channels", a.cookie))).text()).not.toContain(revealed.secret);

    const path = `/settings/channels/${channel.id}`;
    const saved = await routeAnswer(editAction, postRequest(path, a.cookie, { kind: "EMAIL", name: "Inbox 2", address: "inbox@example.com", smtpUrl: "" }), { channelId: channel.id });
    expect(saved.status).toBe(302);
    const row = await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.name).toBe("Inbox 2");
    expect(channelCredentials(row).inboundSecret).toBe(revealed.secret);
    expect(await (await routeAnswer(editLoader, getRequest(path, a.cookie), { channelId: channel.id })).text()).not.toContain(revealed.secret);

    const rotated = await routeAnswer(editAction, postRequest(path, a.cookie, { kind: "EMAIL", name: "Inbox 2", address: "inbox@example.com", newInboundSecret: "on" }), { channelId: channel.id });
    const next = ((await rotated.json()) as { revealed: { secret: string } }).revealed.secret;
    expect(next).not.toBe(revealed.secret);
    expect(channelCredentials(await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).inboundSecret).toBe(next);
  });

  test("another organization's channel: 404 on its page and on every post, unchanged; members other than admins see nothing", async () => {
    const a = await team();
    const b = await team();
    const theirs = await createChannel(prisma, { organizationId: b.organization.id, kind: "SMS", name: "B secret SMS", address: "+919812345678" });
    const path = `/settings/channels/${theirs.id}`;
    const page = await routeAnswer(editLoader, getRequest(path, a.cookie), { channelId: theirs.id });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain("B secret SMS");
    const edit = await routeAnswer(editAction, postRequest(path, a.cookie, { kind: "SMS", name: "Mine now", address: "+919812345678" }), { channelId: theirs.id });
    expect(edit.status).toBe(404);
    for (const intent of ["disable", "enable"]) {
      const answer = await routeAnswer(listAction, postRequest("/settings/channels", a.cookie, { intent, id: theirs.id }));
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain("B secret SMS");
    }
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
    expect(await (await routeAnswer(listLoader, getRequest("/settings/channels", a.cookie))).text()).not.toContain("B secret SMS");

    const ours = await createChannel(prisma, { organizationId: a.organization.id, kind: "SMS", address: "+919812345670" });
    const agentCookie = await signInCookie(a.agent.user, { organizationId: a.organization.id });
    expect(await (await routeAnswer(listLoader, getRequest("/settings/channels", agentCookie))).json()).toEqual({ channels: null, baseUrl: null });
    expect((await routeAnswer(editLoader, getRequest(`/settings/channels/${ours.id}`, agentCookie), { channelId: ours.id })).status).toBe(403);
    expect((await routeAnswer(listAction, postRequest("/settings/channels", agentCookie, { intent: "disable", id: ours.id }))).status).toBe(403);
    expect((await prisma.channel.findUniqueOrThrow({ where: { id: ours.id } })).enabled).toBe(true);
  });
});
