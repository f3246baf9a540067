/** The client's address, as the server saw it (set by the HTTP server from the socket or a trusted proxy). */
export function clientIp(request: Request): string {
  return request.headers.get("x-leadlane-client-ip") ?? "unknown";
}

/** A same-origin path to send someone back to, or the fallback. Refuses absolute and protocol-relative URLs. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
