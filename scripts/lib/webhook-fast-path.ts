// Twilio's and Razorpay's webhooks without Remix (Razorpay's mostly without Express too): Twilio posts
// every message and every status to us (Razorpay every payment event), and a post
// needs nothing the pages need (a CSP nonce, security headers for a browser, compression, static
// files, Remix's routing and its Fetch Request). The same rules answer (`answerTwilioWebhook`, which
// the Remix routes use too), over Node's request as it is.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { answerRazorpayWebhook } from "../../app/web/razorpay-webhook.server";
import { answerTwilioWebhook, type TwilioWebhookKind, type WebhookAnswer } from "../../app/web/twilio-webhook.server";
import { readLimitedNodeBody } from "../../app/web/limited-body.server";
import { requestUrl } from "./remix-handler";

/** The paths served here (the Remix routes of the same paths serve development and tests). */
export const TWILIO_WEBHOOK_PATH = "/webhooks/twilio/:channelId/:kind(inbound|status)";

export function twilioWebhookFastPath(req: Request, res: Response, next: NextFunction) {
  const kind = req.params.kind as TwilioWebhookKind;
  const signature = req.get("X-Twilio-Signature") ?? null;
  answerTwilioWebhook(
    kind,
    {
      method: req.method,
      url: requestUrl(req).href,
      signature,
      readBody: (limit) => readLimitedNodeBody(req, limit),
      discardBody: async () => {
        req.resume();
      },
    },
    req.params.channelId,
  ).then((answer) => send(res, answer), next);
}

function send(res: ServerResponse, answer: WebhookAnswer) {
  // Node's own call (status and every header at once), cheaper than express's helpers at thousands a second.
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}

function razorpayPost(req: IncomingMessage) {
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  return {
    method: req.method ?? "GET",
    signature: header("x-razorpay-signature"),
    eventId: header("x-razorpay-event-id"),
    readBody: (limit: number) => readLimitedNodeBody(req, limit),
    discardBody: async () => {
      req.resume();
    },
  };
}

export const RAZORPAY_WEBHOOK_PATH = "/webhooks/razorpay/:accountId";

/** Through Express: a post in a form the check before Express leaves to it (an escape, a trailing slash). */
export function razorpayWebhookFastPath(req: Request, res: Response, next: NextFunction) {
  answerRazorpayWebhook(razorpayPost(req), req.params.accountId).then((answer) => send(res, answer), next);
}

const RAZORPAY_PREFIX = "/webhooks/razorpay/";

/**
 * The account id of a post to Razorpay's webhook path (one segment of id characters, then nothing or a
 * query string), read from Node's request line before Express sees the request; null for anything
 * else, which Express's route of the same path answers alike (razorpayWebhookFastPath). Express's start on
 * every request (its request and response prototypes, the query parser, the router's walk) took about
 * 7 % of the web's CPU at 2,000 posts a second (decision 115), and a webhook post uses none of it.
 */
export function plainRazorpayWebhookAccount(req: IncomingMessage): string | null {
  if (req.method !== "POST" || !req.url?.startsWith(RAZORPAY_PREFIX)) return null;
  const path = req.url.slice(RAZORPAY_PREFIX.length);
  const query = path.indexOf("?");
  const accountId = query === -1 ? path : path.slice(0, query);
  return /^[A-Za-z0-9-]{1,64}$/.test(accountId) ? accountId : null;
}

/** Answers a Razorpay post (see plainRazorpayWebhookAccount) with Node's own request and response. */
export function answerPlainRazorpayWebhook(req: IncomingMessage, res: ServerResponse, accountId: string): void {
  answerRazorpayWebhook(razorpayPost(req), accountId).then(
    (answer) => send(res, answer),
    (error: unknown) => {
      // As Express's own error handler would: a 500 Razorpay retries, and the cause in the server's log.
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    },
  );
}
