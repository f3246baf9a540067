// "3 h 12 min": how long WhatsApp's window stays open, as the composer says it. Browser-safe.

export function formatTimeLeft(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return minutes < 1 ? "less than a minute" : `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The values a template's variables start with, from the contact: firstName, name, phone, email. */
export function contactTemplateValues(contact: { name: string; phone: string | null; email: string | null }): Record<string, string> {
  const firstName = contact.name.trim().split(/\s+/)[0] ?? "";
  return {
    firstName,
    name: contact.name,
    fullName: contact.name,
    phone: contact.phone ?? "",
    email: contact.email ?? "",
  };
}
