// Which websites may post to a web form from the browser. A form lists origins
// (scheme, host and port: https://shop.example.in); with none listed, any
// website may post. Browsers say where a request comes from in the Origin
// header; clients that aren't browsers send none and can claim anything, so the
// list keeps other websites from using the form, it does not authenticate.

export const MAX_ALLOWED_ORIGINS = 20;
const MAX_ORIGIN_LENGTH = 200;

/**
 * "https://Shop.Example.in/" → "https://shop.example.in"; a bare host
 * ("shop.example.in", "localhost:8080") means https. Null when the entry is not
 * a website's address on its own (other schemes, paths, queries, wildcards).
 */
export function toOrigin(entry: string): string | null {
  const trimmed = entry.trim();
  if (!trimmed || trimmed.length > MAX_ORIGIN_LENGTH || trimmed.includes("*")) return null;
  // "null" is what sandboxed frames and local files send: no website at all.
  if (trimmed.toLowerCase() === "null") return null;
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (!url.hostname || url.username || url.password || url.pathname !== "/") return null;
  // A website has a domain name (or is an address, or this machine): "shop" alone is a typo, not a site.
  if (!url.hostname.includes(".") && url.hostname !== "localhost" && !url.hostname.startsWith("[")) return null;
  if (text.includes("?") || text.includes("#")) return null;
  return url.origin;
}

export type OriginListResult = { ok: true; origins: string[] } | { ok: false; message: string };

/** A list typed by a person: one origin per line, or separated by commas or spaces. */
export function parseOriginList(text: string): OriginListResult {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    const origin = toOrigin(entry);
    if (!origin) {
      const shown = entry.length > 60 ? `${entry.slice(0, 60)}…` : entry;
      return { ok: false, message: `"${shown}" isn't a website address. Write it like https://www.example.in (no path).` };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length > MAX_ALLOWED_ORIGINS) return { ok: false, message: `List at most ${MAX_ALLOWED_ORIGINS} websites.` };
  return { ok: true, origins };
}

export type OriginCheck = {
  /** False: refuse the request (a browser on a website the form doesn't list). */
  allowed: boolean;
  /** The Access-Control-Allow-Origin to answer with, or null for none. */
  allowOrigin: string | null;
};

/**
 * The CORS answer for a request carrying `origin` (the Origin header, or null
 * without one) to a form that lists `allowedOrigins`. Never with credentials:
 * the endpoint reads no cookies.
 */
export function checkFormOrigin(allowedOrigins: readonly string[], origin: string | null): OriginCheck {
  if (allowedOrigins.length === 0) return { allowed: true, allowOrigin: "*" };
  // Not a browser (a server posting leads): nothing to decide for a browser.
  if (origin === null) return { allowed: true, allowOrigin: null };
  const normalized = origin === "null" ? null : toOrigin(origin);
  if (normalized && allowedOrigins.includes(normalized)) return { allowed: true, allowOrigin: origin };
  return { allowed: false, allowOrigin: null };
}

/**
 * Where a visitor may be sent back to after posting: the page that posted the
 * form (its Referer), but only when that page is on the website the browser
 * says the post comes from (the Origin, which a page can't forge) and, when
 * the form lists websites, one of them. Null otherwise (no Origin or "null",
 * another website, not a web address), so the answer never leads somewhere a
 * third party chose.
 */
export function returnAddress(input: { referer: string | null; origin: string | null; allowedOrigins: readonly string[] }): URL | null {
  if (!input.referer || !input.origin || input.origin === "null") return null;
  const origin = toOrigin(input.origin);
  if (!origin) return null;
  let page: URL;
  try {
    page = new URL(input.referer);
  } catch {
    return null;
  }
  if (page.protocol !== "https:" && page.protocol !== "http:") return null;
  if (page.username || page.password || page.origin !== origin) return null;
  if (input.allowedOrigins.length > 0 && !input.allowedOrigins.includes(origin)) return null;
  page.hash = "";
  return page;
}
