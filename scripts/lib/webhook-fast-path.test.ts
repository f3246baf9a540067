// Twilio's and Razorpay's webhooks over real sockets through the server's fast paths (no Remix route
// is served here, so every answer below comes from them): the same answers as the routes, the event
// and its job stored once, and nothing stored for a post that fails a check. Razorpay's posts are answered
// before Express, with or without a query string; a trailing slash or an escape goes through
// Express's route, alike.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signSandboxTwilioWebhook } from "~/providers/messaging/sandbox.server";
import { testServerBuild } from "~/testing/server-build";
import { createOrganization } from "../../prisma/factories";
import { createChannel } from "../../prisma/factories-conversations";
import { createPaymentAccount } from "../../prisma/factories-payments";
import { newPaymentStory, signedRazorpayPost, storyEvent } from "~/testing/razorpay-events";
import { closeServer, createApp, listen } from "./http-server";

let server: http.Server;
let port: number;
let channelId: string;
let razorpay: { accountId: string; secret: string };

beforeAll(async () => {
  const build = testServerBuild({}, { default: () => new Response("Not a document server.", { status: 500 }) });
  const app = createApp({ mode: "production", httpsOnly: false, trustProxy: false, getBuild: () => build });
  server = await listen(app, 0, "127.0.0.1");
  port = (server.address() as AddressInfo).port;
  const { organization } = await createOrganization(prisma);
  channelId = (await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP" })).id;
  const { account, webhookSecret } = await createPaymentAccount(prisma, { organizationId: organization.id });
  razorpay = { accountId: account.id, secret: webhookSecret };
});

afterAll(async () => {
  await closeServer(server);
});

type Answer = { status: number; type: string; body: string };

function publicBase() {
  return (process.env.APP_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, "");
}

function post(path: string, body: string, headers: Record<string, string>, options: { chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const all: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...headers };
    if (!options.chunked) all["Content-Length"] = String(bytes.length);
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: all }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, type: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    for (let offset = 0; offset < bytes.length; offset += 64 * 1024) request.write(bytes.subarray(offset, offset + 64 * 1024));
    request.end();
  });
}

function signedPost(kind: "inbound" | "status", params: Record<string, string>, options: { channel?: string; signature?: string } = {}) {
  const path = `/webhooks/twilio/${options.channel ?? channelId}/${kind}`;
  const signature = options.signature ?? signSandboxTwilioWebhook(`${publicBase()}${path}`, params);
  return post(path, new URLSearchParams(params).toString(), { "X-Twilio-Signature": signature });
}

const sid = () => `SM${randomBytes(16).toString("hex")}`;
const inbound = (messageSid = sid()) => ({ MessageSid: messageSid, From: "whatsapp:+919812300001", To: "whatsapp:+14155238886", Body: "Hello", NumMedia: "0" });

async function storedFor(messageSid: string) {
  const events = await prisma.webhookEvent.findMany({ where: { channelId, payload: { path: ["MessageSid"], equals: messageSid } } });
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ANY(${events.map((event) => `messages_receive:${event.id}`)}::text[])`;
  return { events: events.length, jobs: jobs!.n };
}

describe("Twilio webhooks through the fast path", () => {
  test("a signed message is answered with empty TwiML and stored once with its job, however often it comes", async () => {
    const params = inbound();
    const first = await signedPost("inbound", params);
    expect(first).toMatchObject({ status: 200, type: "text/xml; charset=utf-8" });
    expect(first.body).toContain("<Response/>");
    expect((await signedPost("inbound", params)).status).toBe(200);
    expect(await storedFor(params.MessageSid)).toEqual({ events: 1, jobs: 1 });
  });

  test("a signed status is answered 204", async () => {
    const answer = await signedPost("status", { MessageSid: sid(), MessageStatus: "delivered" });
    expect(answer.status).toBe(204);
    expect(answer.body).toBe("");
  });

  test("a wrong signature, an unknown or malformed channel, missing fields and a body over 1 MB store nothing", async () => {
    const params = inbound();
    expect(await signedPost("inbound", params, { signature: "bm90IGl0" })).toMatchObject({ status: 403, body: "The X-Twilio-Signature does not match." });
    expect(await signedPost("inbound", params, { channel: randomUUID() })).toMatchObject({ status: 404, body: "No such channel." });
    expect((await signedPost("inbound", params, { channel: "not-a-uuid" })).status).toBe(404);
    const withoutFrom: Record<string, string> = { MessageSid: params.MessageSid, Body: "Hello" };
    expect(await signedPost("inbound", withoutFrom)).toMatchObject({ status: 400, body: "From is required" });
    const path = `/webhooks/twilio/${channelId}/inbound`;
    const huge = `${new URLSearchParams(params).toString()}&Pad=${"x".repeat(1024 * 1024)}`;
    const declared = await post(path, huge, { "X-Twilio-Signature": "x" });
    const streamed = await post(path, huge, { "X-Twilio-Signature": "x" }, { chunked: true });
    expect([declared.status, streamed.status]).toEqual([413, 413]);
    expect(declared.body).toBe("The body is larger than 1024 KB.");
    expect(await storedFor(params.MessageSid)).toEqual({ events: 0, jobs: 0 });
  });
});

describe("Razorpay webhooks before Express, and through it", () => {
  const captured = () => signedRazorpayPost(storyEvent(newPaymentStory("plink_fastpath", 49_900), "payment.captured"), razorpay.secret);
  const send = (path: string, signed: ReturnType<typeof captured>, signature = signed.signature) =>
    post(path, signed.raw, { "Content-Type": "application/json", "X-Razorpay-Signature": signature, "X-Razorpay-Event-Id": signed.eventId });

  async function storedFor(eventId: string) {
    const events = await prisma.webhookEvent.findMany({ where: { provider: "razorpay", dedupeKey: `${razorpay.accountId}:${eventId}` } });
    const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ANY(${events.map((event) => `payments_apply_events:${event.id}`)}::text[])`;
    return { events: events.length, jobs: jobs!.n };
  }

  test("a signed event is answered 200 and stored once with its job, plain or with a query string, however often it comes", async () => {
    const plain = captured();
    const first = await send(`/webhooks/razorpay/${razorpay.accountId}`, plain);
    expect(first).toEqual({ status: 200, type: "application/json; charset=utf-8", body: JSON.stringify({ status: "ok" }) });
    expect((await send(`/webhooks/razorpay/${razorpay.accountId}`, plain)).status).toBe(200);
    expect(await storedFor(plain.eventId)).toEqual({ events: 1, jobs: 1 });

    const withQuery = captured();
    expect(await send(`/webhooks/razorpay/${razorpay.accountId}?attempt=2`, withQuery)).toEqual(first);
    expect(await storedFor(withQuery.eventId)).toEqual({ events: 1, jobs: 1 });

    const viaExpress = captured();
    expect(await send(`/webhooks/razorpay/${razorpay.accountId}/`, viaExpress)).toEqual(first);
    expect(await storedFor(viaExpress.eventId)).toEqual({ events: 1, jobs: 1 });
  });

  test("a wrong signature or an unknown account is refused alike in every form and stores nothing", async () => {
    const signed = captured();
    for (const suffix of ["", "?x=1", "/"]) {
      expect(await send(`/webhooks/razorpay/${razorpay.accountId}${suffix}`, signed, "0".repeat(64)), suffix).toEqual({
        status: 400,
        type: "application/json; charset=utf-8",
        body: JSON.stringify({ error: "The X-Razorpay-Signature does not match this account's webhook secret." }),
      });
      expect((await send(`/webhooks/razorpay/${randomUUID()}${suffix}`, signed)).status, suffix).toBe(404);
      expect((await send(`/webhooks/razorpay/not-an-account${suffix}`, signed)).status, suffix).toBe(404);
    }
    expect((await send(`/webhooks/razorpay/not%2Dan%2Daccount`, signed)).status).toBe(404);
    expect(await storedFor(signed.eventId)).toEqual({ events: 0, jobs: 0 });
  });
});
