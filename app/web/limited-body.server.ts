// Reading a request body under a route's own size limit (webhooks, website forms: the server leaves
// those bodies to their routes): a declared length over the limit is refused before reading, a body
// that grows past it is cut off and refused, having read no more.
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${Math.round(limit / 1024)} KB.`);
  }
}

export async function readLimitedBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * readLimitedBody for a Node request stream (the server's fast path): over the limit, declared or
 * streamed, it throws having kept no more, and the rest of the body is read and dropped so the
 * client still gets the answer.
 */
export function readLimitedNodeBody(
  stream: NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined> },
  maxBytes: number,
): Promise<Buffer> {
  const declared = Number(stream.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    stream.resume();
    return Promise.reject(new BodyTooLargeError(maxBytes));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        stream.off("data", onData);
        stream.resume();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    stream.on("data", onData);
    stream.once("end", () => size <= maxBytes && resolve(Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}
