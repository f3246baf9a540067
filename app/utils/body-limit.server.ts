// How large a request body the server accepts, by path. Form posts and tRPC
// calls are small; the routes that take more (CSV uploads) or answer
// providers and websites in their own way (webhooks) check sizes themselves.

/** Every form post and every /api/trpc call. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** The limit for a request to `path`, or null when its route enforces its own. */
export function bodyLimitFor(path: string): number | null {
  if (path.startsWith("/webhooks/")) return null;
  // Up to 50 MB, streamed to disk with its own 413 (the import page explains the limit).
  if (path === "/imports/new") return null;
  return MAX_REQUEST_BODY_BYTES;
}

export function tooLargeMessage(limit: number): string {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
  return `This request is larger than ${size}, the most Leadlane accepts here. Nothing was saved; shorten what you entered and send it again.`;
}
