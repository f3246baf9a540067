import { describe, expect, test } from "vitest";
import { isCrossSiteWrite } from "~/utils/cross-site.server";

const base = { method: "POST", path: "/settings/members", host: "crm.example.com", secFetchSite: undefined, origin: undefined };

describe("isCrossSiteWrite", () => {
  test("refuses a post the browser marks cross-site or same-site (a sibling subdomain)", () => {
    expect(isCrossSiteWrite({ ...base, secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, secFetchSite: "same-site" })).toBe(true);
  });
  test("accepts a same-origin post and one typed into the address bar", () => {
    expect(isCrossSiteWrite({ ...base, secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, secFetchSite: "none" })).toBe(false);
  });
  test("falls back to Origin when Sec-Fetch-Site is missing", () => {
    expect(isCrossSiteWrite({ ...base, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "https://crm.example.com" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, origin: "null" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "not a url" })).toBe(true);
  });
  test("never blocks reads, and leaves provider webhooks to their signatures", () => {
    expect(isCrossSiteWrite({ ...base, method: "GET", secFetchSite: "cross-site" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, path: "/webhooks/razorpay/acc_1", secFetchSite: "cross-site" })).toBe(false);
  });
  test("lets Razorpay Checkout post its signed answer to a payment link page, and nothing else under /p/", () => {
    expect(isCrossSiteWrite({ ...base, path: "/p/Yvt3pNR9np/paid", secFetchSite: "cross-site", origin: "https://api.razorpay.com" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, path: "/p/Yvt3pNR9np", secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, path: "/p/Yvt3pNR9np/paid/more", secFetchSite: "cross-site" })).toBe(true);
  });
});
