// Calling Remix loaders and actions directly in tests, as a signed-in browser would.
import { TEST_ORIGIN } from "~/testing/caller";

export type RouteHandler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

export function getRequest(path: string, cookie: string): Request {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: cookie } });
}

/** A same-origin form post (what a page's <Form method="post"> sends). */
export function postRequest(path: string, cookie: string, form: Record<string, string>): Request {
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

/** Runs a loader or action; a thrown Response counts as its answer. */
export async function routeAnswer(handler: unknown, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await (handler as RouteHandler)({ request, params, context: {} });
    if (!(result instanceof Response)) throw new Error("expected a Response");
    return result;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
