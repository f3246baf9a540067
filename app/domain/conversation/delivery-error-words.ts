// Why a message did not go, in words a person can act on, by the provider's error code.
// Browser-safe: the chat shows the stored reason; this is where it comes from.

const TWILIO_ERROR_WORDS: Record<string, string> = {
  "21211": "The number is not a valid phone number.",
  "21408": "Sending to this country is not enabled on the Twilio account.",
  "21610": "The recipient has unsubscribed (replied STOP); Twilio blocks messages to this number.",
  "21612": "Twilio cannot route a message from this sender to that number.",
  "21614": "The number cannot receive SMS (it is not a mobile number).",
  "30003": "The phone is switched off or unreachable.",
  "30004": "The recipient has blocked messages from this sender.",
  "30005": "The number does not exist or is no longer in service.",
  "30006": "Landline or unreachable carrier: the number cannot receive this message.",
  "30007": "The carrier filtered the message as spam.",
  "30008": "The carrier could not deliver the message (unknown error).",
  "63016": "WhatsApp's 24-hour window had closed; only an approved template can be sent.",
};

/** The reason to show for a failed send: our words for a known Twilio code, else the provider's own message. */
export function deliveryErrorWords(provider: string, code: string | undefined | null, message: string): string {
  const known = provider === "twilio" && code ? TWILIO_ERROR_WORDS[code] : undefined;
  const text = known ?? (message.replace(/^\w+: /, "") || "The provider refused the message.");
  return text.slice(0, 500);
}
