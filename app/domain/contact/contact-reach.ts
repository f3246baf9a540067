// How to reach a contact, in one line: its phone, its email, or both. A contact
// has at least one of them. Browser-safe.
import { formatPhone } from "~/utils/phone";

/** "+91 98765 43210 · priya@example.com", or whichever of the two the contact has. */
export function contactReach(contact: { phone: string | null; email: string | null }): string {
  return [contact.phone ? formatPhone(contact.phone) : null, contact.email].filter(Boolean).join(" · ");
}
