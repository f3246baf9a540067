// Twilio's and Razorpay's webhooks without Remix: Twilio posts every message and every status to us
// (Razorpay every payment event), and a post
// needs nothing the pages need (a CSP nonce, security headers for a browser, compression, static
// files, Remix's routing and its Fetch Request). The same rules answer (`answerTwilioWebhook`, which
// the Remix routes use too), over Node's request as it is.
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

function send(res: Response, answer: WebhookAnswer) {
  // Node's own call (status and every header at once), cheaper than express's helpers at thousands a second.
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}

export const RAZORPAY_WEBHOOK_PATH = "/webhooks/razorpay/:accountId";

export function razorpayWebhookFastPath(req: Request, res: Response, next: NextFunction) {
  answerRazorpayWebhook(
    {
      method: req.method,
      signature: req.get("X-Razorpay-Signature") ?? null,
      eventId: req.get("X-Razorpay-Event-Id") ?? null,
      readBody: (limit) => readLimitedNodeBody(req, limit),
      discardBody: async () => {
        req.resume();
      },
    },
    req.params.accountId,
  ).then((answer) => send(res, answer), next);
}
