// POST /webhooks/twilio/:channelId/status — a delivery report for a message we sent, from Twilio (or
// the sandbox). Verified, stored and enqueued; answered 204.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleTwilioWebhook } from "~/web/twilio-webhook.server";

export function action({ request, params }: ActionFunctionArgs) {
  return handleTwilioWebhook("status", request, params.channelId);
}

export function loader() {
  return new Response("Post Twilio's webhook here.", { status: 405, headers: { Allow: "POST" } });
}
