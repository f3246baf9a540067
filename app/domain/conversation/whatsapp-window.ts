// WhatsApp's customer-service window: free text may be sent only within 24 hours of the customer's
// last message; after that only approved templates. Browser-safe: the chat shows the same time.

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** When the window closes (or closed); null when the customer has never written. */
export function whatsappWindowClosesAt(lastInboundAt: Date | string | null | undefined): Date | null {
  if (!lastInboundAt) return null;
  return new Date(new Date(lastInboundAt).getTime() + WHATSAPP_WINDOW_MS);
}

export function isWhatsappWindowOpen(lastInboundAt: Date | string | null | undefined, at: Date): boolean {
  const closesAt = whatsappWindowClosesAt(lastInboundAt);
  return closesAt !== null && at.getTime() < closesAt.getTime();
}
