import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { channelCredentials } from "~/models/channel.server";
import { createChannel } from "../../../../prisma/factories-conversations";

const SID = `AC${"a1".repeat(16)}`;
const TOKEN = "0123456789abcdef0123456789abcdef";
const MG = `MG${"b2".repeat(16)}`;

async function storedChannels(organizationId: string) {
  return prisma.channel.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
}

/** Nothing a browser receives may carry a credential. */
function expectNoSecrets(value: unknown, ...secrets: string[]) {
  const text = JSON.stringify(value);
  expect(text).not.toContain('"secrets"');
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("channel settings", () => {
  test("an admin connects a Twilio WhatsApp sender: credentials sealed on the row, never in an answer", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const { channel, inboundSecret } = await admin.channel.create({
      kind: "WHATSAPP",
      name: " Sales WhatsApp ",
      address: "098765 43210",
      accountSid: SID,
      authToken: TOKEN,
      ratePerSecond: 20,
    });
    expect(inboundSecret).toBeUndefined();
    expect(channel).toMatchObject({ kind: "WHATSAPP", provider: "TWILIO", name: "Sales WhatsApp", address: "+919876543210", ratePerSecond: 20, hasCredentials: true, enabled: true });
    expectNoSecrets(channel, SID, TOKEN);

    const row = await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.secrets).toMatch(/^v1\./);
    expect(row.secrets).not.toContain(TOKEN);
    expect(channelCredentials(row)).toEqual({ accountSid: SID, authToken: TOKEN });

    const listed = await admin.channel.list();
    expect(listed.map((c) => c.id)).toEqual([channel.id]);
    expectNoSecrets(listed, SID, TOKEN);
    expectNoSecrets(await admin.channel.get({ id: channel.id }), SID, TOKEN);
  });

  test("SMS through a Messaging Service alone, on the sandbox; rate left empty means the kind's default", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const { channel } = await admin.channel.create({ kind: "SMS", name: "Alerts", address: "", messagingServiceSid: MG });
    expect(channel).toMatchObject({ provider: "SANDBOX", address: MG, messagingServiceSid: MG, ratePerSecond: null, hasCredentials: false });
  });

  test("an email channel gets an inbound secret, shown once; SMTP with its own URL", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const smtpUrl = "smtps://sales:hunter22@smtp.example.com:465";
    const created = await admin.channel.create({ kind: "EMAIL", name: "Sales inbox", address: "Sales@Example.com", smtpUrl, accountSid: SID, authToken: TOKEN, messagingServiceSid: MG });
    expect(created.inboundSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.channel).toMatchObject({ kind: "EMAIL", provider: "SMTP", address: "sales@example.com", messagingServiceSid: null });
    const row = await prisma.channel.findUniqueOrThrow({ where: { id: created.channel.id } });
    // What the kind does not use is not kept.
    expect(channelCredentials(row)).toEqual({ smtpUrl, inboundSecret: created.inboundSecret });
    expectNoSecrets(await admin.channel.list(), created.inboundSecret!, "hunter22");
    expectNoSecrets(await admin.channel.get({ id: created.channel.id }), created.inboundSecret!, "hunter22");

    const plain = await admin.channel.create({ kind: "EMAIL", name: "Support", address: "support@example.com" });
    expect(plain.channel.provider).toBe("SANDBOX");
  });

  test("editing keeps stored credentials when the fields are empty, replaces what is entered, removes on request", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const { channel } = await admin.channel.create({ kind: "WHATSAPP", name: "WA", address: "+919876543210", accountSid: SID, authToken: TOKEN });
    const base = { id: channel.id, kind: "WHATSAPP" as const, name: "WA renamed", address: "+91 98765 43210" };

    const kept = await admin.channel.update({ ...base, accountSid: "", authToken: "" });
    expect(kept.channel).toMatchObject({ name: "WA renamed", provider: "TWILIO", hasCredentials: true });
    let row = await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(channelCredentials(row)).toEqual({ accountSid: SID, authToken: TOKEN });

    const newToken = "fedcba9876543210fedcba9876543210";
    expectNoSecrets(await admin.channel.update({ ...base, authToken: newToken, ratePerSecond: 5 }), newToken, SID);
    row = await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(channelCredentials(row)).toEqual({ accountSid: SID, authToken: newToken });
    expect(row.ratePerSecond).toBe(5);

    const removed = await admin.channel.update({ ...base, removeCredentials: true });
    expect(removed.channel).toMatchObject({ provider: "SANDBOX", hasCredentials: false, ratePerSecond: null });
    expect((await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).secrets).toBeNull();
  });

  test("an email channel's inbound secret is replaced only when asked, and the new one is shown once", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const { channel, inboundSecret } = await admin.channel.create({ kind: "EMAIL", name: "Inbox", address: "inbox@example.com" });
    const base = { id: channel.id, kind: "EMAIL" as const, name: "Inbox", address: "inbox@example.com" };
    expect((await admin.channel.update(base)).inboundSecret).toBeUndefined();
    const open = async () => channelCredentials(await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } }));
    expect((await open()).inboundSecret).toBe(inboundSecret);
    const rotated = await admin.channel.update({ ...base, newInboundSecret: true });
    expect(rotated.inboundSecret).toBeDefined();
    expect(rotated.inboundSecret).not.toBe(inboundSecret);
    expect((await open()).inboundSecret).toBe(rotated.inboundSecret);
  });

  test.each([
    [{ kind: "WHATSAPP", name: "x", address: "12" }, "address", /country code/],
    [{ kind: "WHATSAPP", name: "x" }, "address", /sender number, or a Messaging Service SID/],
    [{ kind: "SMS", name: "x", messagingServiceSid: "MG123" }, "messagingServiceSid", /MG followed by 32 hex digits/],
    [{ kind: "SMS", name: "x", address: "+919876543210", accountSid: "AC123", authToken: TOKEN }, "accountSid", /AC followed by 32 hex digits/],
    [{ kind: "SMS", name: "x", address: "+919876543210", accountSid: SID }, "authToken", /auth token that goes with/],
    [{ kind: "SMS", name: "x", address: "+919876543210", authToken: TOKEN }, "accountSid", /account SID that goes with/],
    [{ kind: "SMS", name: "x", address: "+919876543210", ratePerSecond: 0 }, "ratePerSecond", /from 0.1 to 1000/],
    [{ kind: "SMS", name: "x", address: "+919876543210", ratePerSecond: 5000 }, "ratePerSecond", /from 0.1 to 1000/],
    [{ kind: "EMAIL", name: "x", address: "not-an-email" }, "address", /email address such as/],
    [{ kind: "EMAIL", name: "x", address: "a@example.com", smtpUrl: "http://smtp.example.com" }, "smtpUrl", /smtp:\/\/ or smtps:\/\//],
    [{ kind: "TELEGRAM", name: "x", address: "a" }, "kind", /WhatsApp, SMS or email/],
    [{ kind: "SMS", name: "  ", address: "+919876543210" }, "name", /Enter a name/],
  ] as const)("refuses %j on %s with nothing written", async (input, field, message) => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const error = await expectTRPCError(admin.channel.create(input as never), "BAD_REQUEST");
    expect(toActionFailure(error).fieldErrors[field]).toMatch(message);
    expect(await prisma.channel.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });

  test("a sender another channel of the same kind has is refused on its field; bad edits change nothing", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const { channel } = await admin.channel.create({ kind: "SMS", name: "One", address: "+919876543210", accountSid: SID, authToken: TOKEN });
    const conflict = await expectTRPCError(admin.channel.create({ kind: "SMS", name: "Two", address: "98765 43210" }), "CONFLICT");
    expect(toActionFailure(conflict).fieldErrors.address).toBe("There is already an SMS channel for +919876543210.");
    // The same number may be a WhatsApp sender too.
    const wa = await admin.channel.create({ kind: "WHATSAPP", name: "WA", address: "+919876543210" });
    const three = await admin.channel.create({ kind: "SMS", name: "Three", address: "+919876543211" });
    const before = await storedChannels(w.organizationId);

    const taken = await expectTRPCError(admin.channel.update({ id: three.channel.id, kind: "SMS", name: "Three", address: "+919876543210" }), "CONFLICT");
    expect(toActionFailure(taken).fieldErrors.address).toMatch(/already an SMS channel/);
    const kindChange = await expectTRPCError(admin.channel.update({ id: channel.id, kind: "WHATSAPP", name: "One", address: "+919876543211" }), "BAD_REQUEST");
    expect(toActionFailure(kindChange).fieldErrors.kind).toMatch(/kind can't change/);
    await expectTRPCError(admin.channel.update({ id: wa.channel.id, kind: "WHATSAPP", name: "WA", address: "+919876543210", accountSid: SID }), "BAD_REQUEST", /auth token that goes with/);
    await expectTRPCError(admin.channel.update({ id: channel.id, kind: "SMS", name: "One", address: "+919876543210", ratePerSecond: -1 }), "BAD_REQUEST");
    expect(await storedChannels(w.organizationId)).toEqual(before);
  });

  test("disabling and enabling a channel", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const { channel } = await admin.channel.create({ kind: "WHATSAPP", name: "WA", address: "+919876543210" });
    expect(await admin.channel.disable({ id: channel.id })).toMatchObject({ enabled: false });
    expect((await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).enabled).toBe(false);
    expect(await admin.channel.disable({ id: channel.id })).toMatchObject({ enabled: false });
    expect(await admin.channel.enable({ id: channel.id })).toMatchObject({ enabled: true });
    expect((await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).enabled).toBe(true);
  });

  test("another organization's channel is NOT_FOUND everywhere, with none of its data, and stays as it was", async () => {
    const w = await contactWorld();
    const theirs = await createChannel(prisma, { organizationId: w.b.organization.id, kind: "WHATSAPP", name: "B secret sender", address: "+919812345678" });
    const admin = await w.as(w.admin);
    const calls = [
      () => admin.channel.get({ id: theirs.id }),
      () => admin.channel.update({ id: theirs.id, kind: "WHATSAPP", name: "Taken over", address: "+919812345679", accountSid: SID, authToken: TOKEN }),
      () => admin.channel.disable({ id: theirs.id }),
      () => admin.channel.enable({ id: theirs.id }),
    ];
    for (const call of calls) {
      const error = await expectTRPCError(call(), "NOT_FOUND", "Channel not found.");
      expect(JSON.stringify(error)).not.toContain("B secret sender");
    }
    expect(await admin.channel.list()).toEqual([]);
    // Their sender number is free in our organization.
    await expect(admin.channel.create({ kind: "WHATSAPP", name: "Ours", address: "+919812345678" })).resolves.toBeDefined();
    expect(await prisma.channel.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
  });

  test.each(["manager", "agent", "viewer"] as const)("a %s may neither see nor change channels", async (role) => {
    const w = await contactWorld();
    const channel = await createChannel(prisma, { organizationId: w.organizationId, kind: "SMS", address: "+919876543210" });
    const caller = await w.as(w[role]);
    await expectTRPCError(caller.channel.list(), "FORBIDDEN");
    await expectTRPCError(caller.channel.get({ id: channel.id }), "FORBIDDEN");
    await expectTRPCError(caller.channel.create({ kind: "SMS", name: "x", address: "+919876543211" }), "FORBIDDEN");
    await expectTRPCError(caller.channel.update({ id: channel.id, kind: "SMS", name: "x", address: "+919876543210" }), "FORBIDDEN");
    await expectTRPCError(caller.channel.disable({ id: channel.id }), "FORBIDDEN");
    expect(await storedChannels(w.organizationId)).toEqual([channel]);
  });

  test("the owner manages channels too", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    await expect(owner.channel.create({ kind: "SMS", name: "Owner's", address: "+919876543210" })).resolves.toBeDefined();
  });
});
