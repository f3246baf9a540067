// A contact id from a route's URL, or the page's 404: the contact routes share it
// so a malformed id reads like a missing contact everywhere.
import { json } from "@remix-run/node";
import { contactIdSchema } from "~/trpc/routers/contact/get.schema";

export function contactIdOr404(value: string | null | undefined): string {
  const parsed = contactIdSchema.safeParse({ id: value });
  if (!parsed.success) throw json({ message: "Contact not found." }, { status: 404 });
  return parsed.data.id;
}
