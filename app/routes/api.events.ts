// Server-Sent Events: the organization's live events, pushed as they happen.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createContext } from "~/trpc/trpc.server";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await createContext(request);
  if (!ctx.user) return new Response("Sign in to receive live updates.", { status: 401 });
  if (!ctx.org) return new Response("Choose an organization first.", { status: 403 });
  const organizationId = ctx.org.id;
  const encoder = new TextEncoder();
  let cleanup = async () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
      const unsubscribe = await liveEventHub().subscribe(organizationId, (event: LiveEvent) => {
        send(`data: ${JSON.stringify(event)}\n\n`);
      });
      // Each heartbeat re-checks the session: a removed member or a revoked
      // session stops receiving the organization's events.
      const heartbeat = setInterval(() => {
        createContext(request)
          .then((current) => {
            if (current.org?.id === organizationId) send(": ping\n\n");
            else void cleanup();
          })
          .catch(() => send(": ping\n\n"));
      }, HEARTBEAT_MS);
      cleanup = async () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        await unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      request.signal.addEventListener("abort", () => void cleanup());
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
