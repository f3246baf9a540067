// POST /webhooks/email/:channelId/inbound — a mail relay posts one raw message (message/rfc822, or
// text) with the channel's inbound secret in X-Leadlane-Secret. Verify, store, enqueue, answer:
// 404 for a channel that isn't an enabled email channel, 403 for a wrong or missing secret (both
// before the body is read), 413 over 1 MB, 415 for another content type, 400 for a body that isn't
// an email; 202 once stored (a repeat of the same Message-ID too). Nothing is written on a refusal.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { INBOUND_EMAIL_SECRET_HEADER } from "~/domain/channel/channel-webhooks";
import { storeInboundEmail, verifyInboundEmailChannel } from "~/services/conversation/accept-inbound-email.server";
import { BodyTooLargeError, readLimitedBody } from "~/web/limited-body.server";
import { prisma } from "~/utils/db.server";

export const MAX_INBOUND_EMAIL_BYTES = 1024 * 1024;

const HEADERS = { "Cache-Control": "no-store" };

function answer(status: number, body: Record<string, unknown>) {
  return json(body, { status, headers: HEADERS });
}

function acceptsContentType(contentType: string | null): boolean {
  if (!contentType) return true;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "message/rfc822" || type.startsWith("text/") || type === "application/octet-stream";
}

export async function loader(_args: LoaderFunctionArgs) {
  return json({ ok: false, error: "POST the raw message to this address." }, { status: 405, headers: { ...HEADERS, Allow: "POST" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ ok: false, error: "POST the raw message to this address." }, { status: 405, headers: { ...HEADERS, Allow: "POST" } });
  const channelId = z.uuid().safeParse(params.channelId);
  const refuse = async (status: number, error: string) => {
    await request.body?.cancel().catch(() => {});
    return answer(status, { ok: false, error });
  };
  if (!channelId.success) return refuse(404, "No email channel here.");
  const verified = await verifyInboundEmailChannel(prisma, { channelId: channelId.data, secret: request.headers.get(INBOUND_EMAIL_SECRET_HEADER) });
  if (verified.kind === "not_found") return refuse(404, "No email channel here.");
  if (verified.kind === "forbidden") return refuse(403, `Send the channel's inbound secret in ${INBOUND_EMAIL_SECRET_HEADER}.`);
  if (!acceptsContentType(request.headers.get("Content-Type"))) return refuse(415, "Post the raw message as message/rfc822 (or text/plain).");

  let raw: Buffer;
  try {
    raw = await readLimitedBody(request, MAX_INBOUND_EMAIL_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, { ok: false, error: "The message is larger than 1 MB." });
    throw error;
  }
  const outcome = await storeInboundEmail(prisma, verified.channel, raw);
  if (outcome.kind === "invalid") return answer(400, { ok: false, error: outcome.message });
  return answer(202, { ok: true, duplicate: outcome.duplicate });
}
