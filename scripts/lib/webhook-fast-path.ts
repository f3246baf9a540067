// Twilio's webhooks without Remix: Twilio posts every message and every status to us, and a post
// needs nothing the pages need (a CSP nonce, security headers for a browser, compression, static
// files, Remix's routing and its Fetch Request). The same rules answer (`answerTwilioWebhook`, which
// the Remix routes use too), over Node's request as it is.
import type { NextFunction, Request, Response } from "express";
import { answerTwilioWebhook, type TwilioWebhookKind } from "../../app/web/twilio-webhook.server";
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
  ).then((answer) => {
    res.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.end(answer.body ?? undefined);
  }, next);
}
