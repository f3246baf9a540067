// Razorpay's webhook, in the order that keeps a bad post from writing anything: the account in the
// path (404), the body's size (413), X-Razorpay-Signature over the raw body with the account's
// webhook secret, or the previous one while a rotation lasts (400), the event id and the JSON
// (400); then the event is stored and its job enqueued in one statement, and Razorpay gets its 200.
// Nothing else happens in the request.
//
// `answerRazorpayWebhook` holds the rules over a plain description of the post (the same one the
// Twilio webhooks use), so the Remix route and the server's fast path answer alike.
import { z } from "zod";
import type { PaymentAccount } from "~/generated/prisma/client";
import { razorpayEventSchema } from "~/domain/payment/razorpay-event";
import { acceptedWebhookSecrets } from "~/models/payment-account.server";
import { verifyRazorpayWebhookSignature } from "~/providers/payments/index.server";
import { acceptRazorpayWebhook, findRazorpayWebhookAccount } from "~/services/payment/accept-razorpay-webhook.server";
import { now } from "~/utils/clock";
import { prisma } from "~/utils/db.server";
import { BodyTooLargeError } from "./limited-body.server";
import type { WebhookAnswer, WebhookPost } from "./twilio-webhook.server";
import { MAX_WEBHOOK_BODY_BYTES, readWebhookBody } from "./webhook-request.server";

const accountIdSchema = z.uuid();
const eventIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export type RazorpayWebhookPost = Omit<WebhookPost, "url"> & { eventId: string | null };

type OpenedSecrets = { sealed: string; previousUntil: number | null; withinRotation: boolean; secrets: string[] };
const openedSecrets = new Map<string, OpenedSecrets>();
const MAX_OPENED_ACCOUNTS = 1_000;

/**
 * acceptedWebhookSecrets for the account as read for this post, without opening its sealed secrets
 * again for every post: the answer is kept while the row holds the same sealed value and rotation end
 * and the post falls on the same side of that end (the only thing the time decides).
 */
function webhookSecretsOf(account: PaymentAccount, at: Date): string[] {
  const previousUntil = account.previousSecretUntil?.getTime() ?? null;
  const withinRotation = previousUntil !== null && at.getTime() < previousUntil;
  const known = openedSecrets.get(account.id);
  if (known && known.sealed === account.secrets && known.previousUntil === previousUntil && known.withinRotation === withinRotation) return known.secrets;
  const secrets = acceptedWebhookSecrets(account, at);
  if (secrets.length === 0) return secrets;
  if (openedSecrets.size >= MAX_OPENED_ACCOUNTS) openedSecrets.clear();
  openedSecrets.set(account.id, { sealed: account.secrets, previousUntil, withinRotation, secrets });
  return secrets;
}

function answer(status: number, message: string): WebhookAnswer {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }, body: JSON.stringify(status < 300 ? { status: message } : { error: message }) };
}

export async function answerRazorpayWebhook(post: RazorpayWebhookPost, accountId: string | undefined): Promise<WebhookAnswer> {
  if (post.method !== "POST") return { status: 405, headers: { Allow: "POST" }, body: "Post Razorpay's webhook here." };
  const id = accountIdSchema.safeParse(accountId);
  const account = id.success ? await findRazorpayWebhookAccount(prisma, id.data) : null;
  if (!account) {
    await post.discardBody().catch(() => {});
    return answer(404, "No such payment account.");
  }
  let body: Buffer;
  try {
    body = await post.readBody(MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, error.message);
    throw error;
  }
  // Over the bytes as they came (every accepted secret is tried, in constant time each).
  if (verifyRazorpayWebhookSignature(body, post.signature, webhookSecretsOf(account, now())) === null) {
    return answer(400, "The X-Razorpay-Signature does not match this account's webhook secret.");
  }
  const eventId = eventIdSchema.safeParse(post.eventId);
  if (!eventId.success) return answer(400, "The x-razorpay-event-id header is missing or malformed.");
  const raw = body.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return answer(400, "The body is not JSON.");
  }
  const parsed = razorpayEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return answer(400, issue ? `${issue.path.join(".") || "event"}: ${issue.message}` : "The body is not a Razorpay event.");
  }
  await acceptRazorpayWebhook(prisma, { account, eventId: eventId.data, event: parsed.data.event, raw });
  return answer(200, "ok");
}

/** The Remix route's way in: a Fetch Request. */
export async function handleRazorpayWebhook(request: Request, accountId: string | undefined): Promise<Response> {
  const result = await answerRazorpayWebhook(
    {
      method: request.method,
      signature: request.headers.get("X-Razorpay-Signature"),
      eventId: request.headers.get("X-Razorpay-Event-Id"),
      readBody: (limit) => readWebhookBody(request, limit),
      discardBody: async () => {
        await request.body?.cancel();
      },
    },
    accountId,
  );
  return new Response(result.body, { status: result.status, headers: result.headers });
}
