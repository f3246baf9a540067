import { describe, expect, test } from "vitest";
import { publicWebhookUrl } from "./webhook-request.server";

describe("the URL a webhook was signed over", () => {
  const request = new Request("http://10.0.0.7:3000/webhooks/twilio/abc/inbound?x=1", { method: "POST" });

  test("behind a proxy it is APP_URL's origin and prefix with the request's path and query", () => {
    expect(publicWebhookUrl(request, { APP_URL: "https://crm.example.com", NODE_ENV: "production" })).toBe("https://crm.example.com/webhooks/twilio/abc/inbound?x=1");
    expect(publicWebhookUrl(request, { APP_URL: "https://crm.example.com/", NODE_ENV: "production" })).toBe("https://crm.example.com/webhooks/twilio/abc/inbound?x=1");
  });

  test("without APP_URL outside production it is the request's own URL; in production it is refused", () => {
    expect(publicWebhookUrl(request, { APP_URL: undefined, NODE_ENV: "development" })).toBe("http://10.0.0.7:3000/webhooks/twilio/abc/inbound?x=1");
    expect(() => publicWebhookUrl(request, { APP_URL: undefined, NODE_ENV: "production" })).toThrow("APP_URL is required");
  });
});
