// Server-rendered pages must be valid UTF-8 wherever multi-byte text falls.
// React 18.3's streaming renderer encodes into 2,048-byte views; when a view
// filled up in the middle of a multi-byte character it used to send the whole
// view, unwritten bytes included, so pages carried NUL bytes inside Hindi names.
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { renderToPipeableStream as RenderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

const TEXTS = {
  devanagari: "प्रिया शर्मा राजेश कुमार वर्मा",
  emoji: "Nifty 🚀📈 BankNifty 🙏🏽👨‍👩‍👧",
  rupee: "₹1,23,456 — ₹499/month ₹₹₹",
};

// Both builds the server may load (NODE_ENV picks one), each checked directly.
const require = createRequire(import.meta.url);
const reactDomFolder = path.dirname(require.resolve("react-dom"));
const BUILDS = {
  production: path.join(reactDomFolder, "cjs/react-dom-server.node.production.min.js"),
  development: path.join(reactDomFolder, "cjs/react-dom-server.node.development.js"),
};

function renderToBytes(renderToPipeableStream: typeof RenderToPipeableStream, element: React.ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const body = new PassThrough();
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(element, {
      onShellReady: () => pipe(body),
      onShellError: reject,
      onError: reject,
    });
  });
}

/**
 * `count` bytes of ASCII in pieces short enough that React copies each into its
 * current view (longer strings bypass the view), so the view fills up gradually.
 */
function splitPadding(count: number) {
  const pieces: React.ReactElement[] = [];
  for (let start = 0; start < count; start += 100) {
    pieces.push(<span key={start}>{"x".repeat(Math.min(100, count - start))}</span>);
  }
  return pieces;
}

/** Roughly the contact page's shape: text before, then the name as an attribute and as text. */
function Page({ padding, text }: { padding: number; text: string }) {
  return (
    <html lang="en">
      <body>
        <p>{splitPadding(padding)}</p>
        <input name="name" defaultValue={text} />
        <h1>{text}</h1>
        <p>{`${text} `.repeat(40)}</p>
      </body>
    </html>
  );
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

describe.each(Object.entries(BUILDS))("streamed HTML from React's %s build", (_name, modulePath) => {
  const { renderToPipeableStream } = require(modulePath) as { renderToPipeableStream: typeof RenderToPipeableStream };
  for (const [script, text] of Object.entries(TEXTS)) {
    it(`is valid UTF-8 with no NUL for ${script} text at every offset across a 2 KB view`, async () => {
      const failures: number[] = [];
      // Every offset of a whole view and a bit more, so each byte of each
      // character lands on the view's edge at least once.
      for (let padding = 0; padding <= 2_200; padding++) {
        const bytes = await renderToBytes(renderToPipeableStream, <Page padding={padding} text={text} />);
        let html: string;
        try {
          html = strictUtf8.decode(bytes);
        } catch {
          failures.push(padding);
          continue;
        }
        if (bytes.includes(0) || !html.includes(`value="${text}"`) || !html.includes(`<h1>${text}</h1>`)) {
          failures.push(padding);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
