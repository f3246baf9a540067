// The two Twilio webhooks, in the order that keeps a bad post from writing anything: the channel
// in the path (404), the body's size (413), the X-Twilio-Signature over the public URL with the
// channel's auth token (403), the fields (400); then the event is stored and its job enqueued in
// one transaction, and Twilio gets its answer. Nothing else happens in the request.
//
// `answerTwilioWebhook` holds the rules over a plain description of the post, so the Remix routes
// (a Fetch Request) and the server's fast path (Node's request, without Remix) answer alike.
import { z } from "zod";
import type { Channel } from "~/generated/prisma/client";
import { acceptTwilioWebhook, findTwilioWebhookChannel, twilioSignatureValid } from "~/services/conversation/accept-twilio-webhook.server";
import { twilioInboundSchema, twilioStatusSchema } from "~/domain/conversation/twilio-webhook";
import { prisma } from "~/utils/db.server";
import { BodyTooLargeError } from "./limited-body.server";
import { formFields, MAX_WEBHOOK_BODY_BYTES, publicWebhookUrl, readWebhookBody } from "./webhook-request.server";

const channelIdSchema = z.uuid();

/** Twilio reads TwiML from an inbound webhook's answer; an empty one sends no reply. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export type TwilioWebhookKind = "inbound" | "status";

/** A post as the rules need it, whoever received it. */
export type WebhookPost = {
  method: string;
  /** The URL the request reached (publicWebhookUrl makes the signed one of it). */
  url: string;
  signature: string | null;
  /** The body, read up to `limit` bytes; throws BodyTooLargeError past it. */
  readBody: (limit: number) => Promise<Buffer>;
  /** Lets go of a body that will not be read. */
  discardBody: () => Promise<void>;
};

export type WebhookAnswer = { status: number; headers: Record<string, string>; body: string | null };

function plain(status: number, message: string): WebhookAnswer {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }, body: message };
}

async function findTwilioChannel(channelId: string | undefined): Promise<Channel | null> {
  const id = channelIdSchema.safeParse(channelId);
  if (!id.success) return null;
  const channel = await findTwilioWebhookChannel(prisma, id.data);
  if (!channel || !channel.enabled || channel.kind === "EMAIL") return null;
  return channel;
}

export async function answerTwilioWebhook(kind: TwilioWebhookKind, post: WebhookPost, channelId: string | undefined): Promise<WebhookAnswer> {
  if (post.method !== "POST") return { status: 405, headers: { Allow: "POST" }, body: "Post Twilio's webhook here." };
  const channel = await findTwilioChannel(channelId);
  if (!channel) {
    await post.discardBody().catch(() => {});
    return plain(404, "No such channel.");
  }
  let body: Buffer;
  try {
    body = await post.readBody(MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return plain(413, error.message);
    throw error;
  }
  const raw = formFields(body);
  if (!twilioSignatureValid(channel, { url: publicWebhookUrl(post), params: raw, signature: post.signature })) {
    return plain(403, "The X-Twilio-Signature does not match.");
  }
  const parsed = kind === "inbound" ? twilioInboundSchema.safeParse(raw) : twilioStatusSchema.safeParse(raw);
  if (!parsed.success) return plain(400, parsed.error.issues[0]?.message ?? "The post is missing Twilio's fields.");
  await acceptTwilioWebhook(
    prisma,
    channel,
    kind === "inbound" ? { kind, params: parsed.data as z.infer<typeof twilioInboundSchema> } : { kind, params: parsed.data as z.infer<typeof twilioStatusSchema> },
    raw,
  );
  return kind === "inbound"
    ? { status: 200, headers: { "Content-Type": "text/xml; charset=utf-8" }, body: EMPTY_TWIML }
    : { status: 204, headers: {}, body: null };
}

/** The Remix routes' way in: a Fetch Request. */
export async function handleTwilioWebhook(kind: TwilioWebhookKind, request: Request, channelId: string | undefined): Promise<Response> {
  const answer = await answerTwilioWebhook(
    kind,
    {
      method: request.method,
      url: request.url,
      signature: request.headers.get("X-Twilio-Signature"),
      readBody: (limit) => readWebhookBody(request, limit),
      discardBody: async () => {
        await request.body?.cancel();
      },
    },
    channelId,
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
