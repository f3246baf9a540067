// Reading a provider's webhook post: its body up to a limit (the server leaves /webhooks/ bodies to
// their routes), and the public URL the provider signed.
import { getEnv, type Env } from "~/utils/env.server";
import { readLimitedBody } from "./limited-body.server";

/** The most a webhook body may be; Twilio's posts are a few kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** The body, read up to `limit` bytes (declared or streamed); throws BodyTooLargeError past it. */
export function readWebhookBody(request: Request, limit = MAX_WEBHOOK_BODY_BYTES): Promise<Buffer> {
  return readLimitedBody(request, limit);
}

/** Form fields of an application/x-www-form-urlencoded body (the first value of a repeated field). */
export function formFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) if (!(key in fields)) fields[key] = value;
  return fields;
}

/**
 * The URL the provider posted to as the outside world sees it: APP_URL's origin and path prefix with
 * the request's path and query, so a signature verifies behind a proxy. Outside production, without
 * APP_URL, the request's own URL.
 */
export function publicWebhookUrl(request: Pick<Request, "url">, env: Pick<Env, "APP_URL" | "NODE_ENV"> = getEnv()): string {
  const url = new URL(request.url);
  if (!env.APP_URL) {
    if (env.NODE_ENV === "production") throw new Error("APP_URL is required in production");
    return url.toString();
  }
  return `${env.APP_URL.replace(/\/$/, "")}${url.pathname}${url.search}`;
}
