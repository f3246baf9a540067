// How loaders and actions call procedures: no HTTP hop, and a TRPCError turns
// into a Response the route's ErrorBoundary (or form) can show.
import { json, redirect } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { createCaller } from "~/trpc/root.server";
import { createContext, fieldErrorsFrom, type Context } from "~/trpc/trpc.server";

export type Caller = ReturnType<typeof createCaller>;

export async function getCaller(request: Request): Promise<{ caller: Caller; ctx: Context }> {
  const ctx = await createContext(request);
  return { caller: createCaller(ctx), ctx };
}

export type ActionFailure = { ok: false; status: number; message: string; fieldErrors: Record<string, string> };

/** The body an action returns when a procedure refuses its input. */
export function toActionFailure(error: unknown): ActionFailure {
  if (error instanceof TRPCError) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ok: false,
      status: getHTTPStatusCodeFromError(error),
      message: zod ? "Check the highlighted fields." : error.message,
      fieldErrors: zod ? fieldErrorsFrom(zod) : {},
    };
  }
  if (error instanceof ZodError) {
    return { ok: false, status: 400, message: "Check the highlighted fields.", fieldErrors: fieldErrorsFrom(error) };
  }
  throw error;
}

/** Answers an action's failed call with the failure as JSON and the right status. */
export function actionFailure(error: unknown, extraHeaders?: HeadersInit) {
  const failure = toActionFailure(error);
  if (failure.status === 401) throw redirect("/login");
  return json(failure, { status: failure.status, headers: extraHeaders });
}

/** For loaders: turns a TRPCError into a thrown Response (401 → sign-in page). */
export function throwAsResponse(error: unknown, request: Request): never {
  if (error instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(error);
    if (status === 401) {
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw json({ message: error.message }, { status });
  }
  throw error;
}

/** Runs a caller call in a loader, mapping a refusal to an HTTP response. */
export async function loaderCall<T>(request: Request, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throwAsResponse(error, request);
  }
}
