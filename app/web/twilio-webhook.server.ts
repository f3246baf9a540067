// The two Twilio webhooks, in the order that keeps a bad post from writing anything: the channel
// in the path (404), the body's size (413), the X-Twilio-Signature over the public URL with the
// channel's auth token (403), the fields (400); then the event is stored and its job enqueued in
// one transaction, and Twilio gets its answer. Nothing else happens in the request.
import { z } from "zod";
import type { Channel } from "~/generated/prisma/client";
import { findChannelForWebhook } from "~/models/channel.server";
import { acceptTwilioWebhook, twilioSignatureValid } from "~/services/conversation/accept-twilio-webhook.server";
import { twilioInboundSchema, twilioStatusSchema } from "~/domain/conversation/twilio-webhook";
import { prisma } from "~/utils/db.server";
import { BodyTooLargeError } from "./limited-body.server";
import { formFields, publicWebhookUrl, readWebhookBody } from "./webhook-request.server";

const channelIdSchema = z.uuid();

/** Twilio reads TwiML from an inbound webhook's answer; an empty one sends no reply. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

async function findTwilioChannel(channelId: string | undefined): Promise<Channel | null> {
  const id = channelIdSchema.safeParse(channelId);
  if (!id.success) return null;
  const channel = await findChannelForWebhook(prisma, { id: id.data });
  if (!channel || !channel.enabled || channel.kind === "EMAIL") return null;
  return channel;
}

export async function handleTwilioWebhook(kind: "inbound" | "status", request: Request, channelId: string | undefined): Promise<Response> {
  if (request.method !== "POST") return new Response("Post Twilio's webhook here.", { status: 405, headers: { Allow: "POST" } });
  const channel = await findTwilioChannel(channelId);
  if (!channel) {
    await request.body?.cancel().catch(() => {});
    return plain(404, "No such channel.");
  }
  let body: Buffer;
  try {
    body = await readWebhookBody(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return plain(413, error.message);
    throw error;
  }
  const raw = formFields(body);
  const signature = request.headers.get("X-Twilio-Signature");
  if (!twilioSignatureValid(channel, { url: publicWebhookUrl(request), params: raw, signature })) {
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
    ? new Response(EMPTY_TWIML, { status: 200, headers: { "Content-Type": "text/xml; charset=utf-8" } })
    : new Response(null, { status: 204 });
}
