// POST /webhooks/twilio/:channelId/inbound — a customer's WhatsApp or SMS message, from Twilio (or
// the phone simulator, signed like Twilio). Verified, stored and enqueued; answered with empty TwiML.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleTwilioWebhook } from "~/web/twilio-webhook.server";

export function action({ request, params }: ActionFunctionArgs) {
  return handleTwilioWebhook("inbound", request, params.channelId);
}

export function loader() {
  return new Response("Post Twilio's webhook here.", { status: 405, headers: { Allow: "POST" } });
}
