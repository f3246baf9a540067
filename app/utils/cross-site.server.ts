// Refuses state-changing requests that a browser says come from another site.
// Browsers send Sec-Fetch-Site; older ones send only Origin. Provider webhooks
// are not browsers and prove themselves with signatures instead, as does Razorpay Checkout's answer.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CrossSiteCheck = {
  method: string;
  path: string;
  secFetchSite: string | undefined;
  origin: string | undefined;
  host: string | undefined;
};

/**
 * Razorpay Checkout posts its answer to a payment link page of the order flow from Razorpay's own site;
 * the answer proves itself with its signature, and the route writes nothing.
 */
const CHECKOUT_ANSWER_PATH = /^\/p\/[0-9A-Za-z]{6,16}\/paid$/;

export function isExemptFromCrossSiteCheck(path: string): boolean {
  return path.startsWith("/webhooks/") || CHECKOUT_ANSWER_PATH.test(path);
}

/** True when the request must be refused as a cross-site form post. */
export function isCrossSiteWrite(check: CrossSiteCheck): boolean {
  if (SAFE_METHODS.has(check.method.toUpperCase())) return false;
  if (isExemptFromCrossSiteCheck(check.path)) return false;
  if (check.secFetchSite) return check.secFetchSite !== "same-origin" && check.secFetchSite !== "none";
  if (check.origin && check.origin !== "null") {
    try {
      return new URL(check.origin).host !== check.host;
    } catch {
      return true;
    }
  }
  // "Origin: null" comes from sandboxed frames and privacy-stripped redirects.
  if (check.origin === "null") return true;
  // No browser signal at all: a non-browser client (curl, a test); cookies are SameSite=Lax anyway.
  return false;
}
