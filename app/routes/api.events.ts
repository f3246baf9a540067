// Server-Sent Events: the live events on the topics the page asks for
// (`?topic=organization:<id>&topic=contact:<id>&topic=user:<id>`; none means the
// organization's), pushed as they happen. The browser opens one stream per tab
// and reconnects with the new set when its pages need other topics.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { getCaller } from "~/trpc/caller.server";
import { createContext } from "~/trpc/trpc.server";
import { liveEventHub } from "~/services/live-events.server";
import { liveTopic, type LiveEvent } from "~/utils/live-event";

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!ctx.user) return new Response("Sign in to receive live updates.", { status: 401 });
  if (!ctx.org) return new Response("Choose an organization first.", { status: 403 });
  const organizationId = ctx.org.id;
  const asked = new URL(request.url).searchParams.getAll("topic");
  let topics;
  try {
    topics = await caller.live.topics({ topics: asked.length > 0 ? asked : [liveTopic("organization", organizationId)] });
  } catch (error) {
    return refusal(error);
  }
  const encoder = new TextEncoder();
  // Listen before answering: the browser reports the stream open (and the page
  // "Live") only once anything published from then on will arrive.
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const waiting: string[] = [];
  const send = (text: string) => {
    if (closed) return;
    if (!controller) {
      waiting.push(text);
      return;
    }
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      closed = true;
    }
  };
  const unsubscribe = await liveEventHub().subscribe(
    organizationId,
    (event: LiveEvent) => send(`data: ${JSON.stringify(event)}\n\n`),
    topics,
  );
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const cleanup = async () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    await unsubscribe();
    try {
      controller?.close();
    } catch {
      // Already closed by the client.
    }
  };
  if (request.signal.aborted) {
    await cleanup();
    return new Response(null, { status: 204 });
  }
  request.signal.addEventListener("abort", () => void cleanup());
  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
      for (const text of waiting.splice(0)) send(text);
      // Each heartbeat re-checks the session: a removed member or a revoked
      // session stops receiving the organization's events.
      heartbeat = setInterval(() => {
        createContext(request)
          .then((current) => {
            if (current.org?.id === organizationId) send(": ping\n\n");
            else void cleanup();
          })
          .catch(() => send(": ping\n\n"));
      }, HEARTBEAT_MS);
    },
    cancel() {
      return cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

/** A refused topic list, as plain text: an EventSource only sees the status and stops. */
function refusal(error: unknown): Response {
  if (!(error instanceof TRPCError)) throw error;
  const zod = error.cause instanceof ZodError ? error.cause : null;
  const message = zod ? (zod.issues[0]?.message ?? "Those topics can't be received.") : error.message;
  return new Response(message, { status: getHTTPStatusCodeFromError(error), headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
