// `npm run dev`, `npm start` and `npm run worker` as someone runs them: as
// child processes, stopped with a signal.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, test } from "vitest";
import { findFreePort } from "./lib/database";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const running = new Set<ReturnType<typeof run>>();

afterAll(() => {
  for (const each of running) each.child.kill("SIGKILL");
});

/** Starts a command the way a terminal would, collecting everything it prints. */
function run(command: string, args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const handle = {
    child,
    exited,
    output: () => output,
    /** Resolves once the output matches, rejects if the process ends first. */
    async waitFor(pattern: RegExp, timeoutMs: number) {
      let ended = false;
      void exited.then(() => (ended = true));
      for (let waited = 0; !pattern.test(output); waited += 100) {
        if (ended) throw new Error(`exited before printing ${pattern}:\n${output}`);
        if (waited > timeoutMs) throw new Error(`no ${pattern} after ${timeoutMs} ms:\n${output}`);
        await sleep(100);
      }
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** Whether the port can be bound again, waiting up to `timeoutMs` for it to be released. */
async function portFreed(port: number, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited <= timeoutMs; waited += 200) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return true;
    await sleep(200);
  }
  return false;
}

/** Lines that show a stack dump or an unhandled error. */
function crashLines(output: string): string[] {
  return output.split("\n").filter((line) => /Unhandled|^\s+at |node:events|throw er/.test(line));
}

describe("stopping", () => {
  test("SIGTERM to a worker on the embedded database stops it (pools, then PostgreSQL) with exit code 0 and no stack dump", async () => {
    const dataParent = await mkdtemp(path.join(os.tmpdir(), "leadlane-worker-"));
    await chmod(dataParent, 0o755);
    try {
      const worker = run(process.execPath, [TSX, "scripts/worker.ts"], {
        DATABASE_URL: undefined,
        LEADLANE_DATA_DIR: path.join(dataParent, "postgres"),
      });
      await worker.waitFor(/started with concurrency/, 90_000);
      worker.child.kill("SIGTERM");
      const { code } = await worker.exited;
      expect(crashLines(worker.output())).toEqual([]);
      expect(worker.output()).toContain("SIGTERM received, shutting down");
      expect(code).toBe(0);
    } finally {
      await rm(dataParent, { recursive: true, force: true });
    }
  }, 120_000);

  test("SIGTERM to `npm run dev` stops the dev server it started: the port is free afterwards; the banner came once the port answered", async () => {
    const port = await findFreePort();
    const dev = run("npm", ["run", "dev"], { PORT: String(port), HOST: undefined, NO_COLOR: "1" });
    await dev.waitFor(/Leadlane is running at http:\/\/localhost:\d+/, 240_000);
    expect(await connects(port)).toBe(true);
    expect(dev.output()).toContain(`Leadlane is running at http://localhost:${port}`);

    process.kill(dev.child.pid!, "SIGTERM");
    await dev.exited;
    expect(await portFreed(port, 20_000)).toBe(true);
    expect(crashLines(dev.output())).toEqual([]);
  }, 300_000);
});

describe("starting on a port that is taken", () => {
  test.each([["scripts/dev.ts"], ["scripts/start.ts"]])("%s says so in one line and exits 1, before starting anything", async (entry) => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const started = run(process.execPath, [TSX, entry], {
        PORT: String(port),
        SESSION_SECRET: "entry-point-test-session-secret-0123456789",
      });
      const { code } = await started.exited;
      expect(code).toBe(1);
      expect(started.output().trim()).toBe(`Port ${port} is already in use; stop the other process or set PORT.`);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

describe("listening address", () => {
  test("a HOST that is not an address of this machine is refused in one line", async () => {
    const started = run(process.execPath, [TSX, "scripts/start.ts"], {
      PORT: String(await findFreePort()),
      HOST: "192.0.2.1",
      SESSION_SECRET: "entry-point-test-session-secret-0123456789",
    });
    const { code } = await started.exited;
    expect(code).toBe(1);
    expect(started.output().trim()).toBe(
      "HOST 192.0.2.1 is not an address of this machine; set HOST (127.0.0.1, or 0.0.0.0 for every interface).",
    );
  }, 60_000);
});
