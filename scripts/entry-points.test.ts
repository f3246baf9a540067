// `npm run dev`, `npm start` and `npm run worker` as someone runs them: as
// child processes, stopped with a signal.
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../prisma/factories";
import { createRunningImport, csvText } from "../prisma/factories-imports";
import { DEMO_OWNER_EMAIL, DEMO_PASSWORD } from "../prisma/seed";
import { findFreePort } from "./lib/database";

const ROOT = path.resolve(import.meta.dirname, "..");
/**
 * How `npm start` and `npm run worker` run an entry point: node with tsx's loader, no wrapper process.
 * (The tsx command relays a signal through a parent that SIGKILLs its child when the child's event
 * loop doesn't answer within 30 ms, as it can't while a job is parsing a batch.)
 */
const entry = (file: string) => ["--import", "tsx", file];
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
  test("SIGTERM to a worker on the embedded database stops it (pools, then PostgreSQL) with exit code 0 and no stack dump; it ran at its WORKER_NICE", async () => {
    const dataParent = await mkdtemp(path.join(os.tmpdir(), "leadlane-worker-"));
    await chmod(dataParent, 0o755);
    try {
      const worker = run(process.execPath, entry("scripts/worker.ts"), {
        DATABASE_URL: undefined,
        LEADLANE_DATA_DIR: path.join(dataParent, "postgres"),
        WORKER_NICE: "7",
      });
      await worker.waitFor(/started with concurrency/, 150_000);
      // WORKER_NICE lowers its priority (a new process starts at its parent's, 0 here).
      expect(worker.output()).toMatch(/started with concurrency \d+ at nice 7\b/);
      worker.child.kill("SIGTERM");
      const { code } = await worker.exited;
      expect(crashLines(worker.output())).toEqual([]);
      expect(worker.output()).toContain("SIGTERM received, shutting down");
      expect(code).toBe(0);
    } finally {
      await rm(dataParent, { recursive: true, force: true });
    }
  }, 200_000);

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
  test.each([["scripts/dev.ts"], ["scripts/start.ts"]])("%s says so in one line and exits 1, before starting anything", async (script) => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const started = run(process.execPath, entry(script), {
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
    const started = run(process.execPath, entry("scripts/start.ts"), {
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

/** A fresh data folder the embedded server's user can use; removed by the caller. */
async function dataFolder(prefix: string): Promise<string> {
  const dataParent = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dataParent, 0o755);
  return dataParent;
}

const PRODUCTION = { NODE_ENV: "production", SESSION_SECRET: "entry-point-test-session-secret-0123456789" };

describe("npm start in production", () => {
  test("without APP_URL it says so in one line and exits 1, before starting anything", async () => {
    const started = run(process.execPath, entry("scripts/start.ts"), {
      ...PRODUCTION,
      APP_URL: undefined,
      PORT: String(await findFreePort()),
    });
    const { code } = await started.exited;
    expect(code).toBe(1);
    expect(started.output().trim()).toBe(
      "Invalid configuration: APP_URL is required in production (the public address, such as https://crm.example.com)",
    );
  }, 60_000);

  test("on an empty embedded database it seeds no demo account; the first sign-up creates the first organization; SIGTERM exits 0", async () => {
    // The production server serves the Remix build. Build it here: a checkout may have none yet, and
    // `npm run dev` (the test above) leaves a development build in the same place.
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: ROOT,
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production" },
    });
    const dataParent = await dataFolder("leadlane-start-");
    const port = await findFreePort();
    const base = `http://localhost:${port}`;
    try {
      const server = run(process.execPath, entry("scripts/start.ts"), {
        ...PRODUCTION,
        APP_URL: base,
        PORT: String(port),
        HOST: undefined,
        DATABASE_URL: undefined,
        RUN_WORKER: undefined,
        LEADLANE_DATA_DIR: path.join(dataParent, "postgres"),
      });
      await server.waitFor(/Leadlane is running at/, 120_000);
      expect(server.output()).not.toContain(DEMO_PASSWORD);
      expect(server.output()).not.toContain(DEMO_OWNER_EMAIL);
      expect(server.output()).toContain(`No accounts yet: sign up at ${base}/signup to create the first organization`);

      // The published demo password opens nothing.
      const demoSignIn = await fetch(`${base}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: DEMO_OWNER_EMAIL, password: DEMO_PASSWORD }),
        redirect: "manual",
      });
      expect(demoSignIn.status, `${await demoSignIn.clone().text()}\n${server.output()}`).toBe(401);
      expect(demoSignIn.headers.getSetCookie().some((cookie) => cookie.startsWith("__session="))).toBe(false);

      const signUp = await fetch(`${base}/signup`, {
        method: "POST",
        body: new URLSearchParams({
          name: "Priya Menon",
          email: "priya@first-customer.example",
          password: "a-long-enough-password",
          organizationName: "First Customer Indicators",
        }),
        redirect: "manual",
      });
      expect(signUp.status, server.output()).toBe(302);
      expect(signUp.headers.get("location")).toBe("/signup/sent");
      // Without SMTP the email goes to the sandbox, and the "check your email" page shows its copy to the
      // browser that signed up; the worker in this process sends it.
      const sentCookies = signUp.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
      let confirmPath: string | null = null;
      for (let attempt = 0; attempt < 60 && !confirmPath; attempt++) {
        const sent = await (await fetch(`${base}/signup/sent`, { headers: { Cookie: sentCookies.join("; ") } })).text();
        confirmPath = /\/signup\/confirm\/[A-Za-z0-9_-]+/.exec(sent)?.[0] ?? null;
        if (!confirmPath) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(confirmPath, server.output()).not.toBeNull();
      const confirmed = await fetch(`${base}${confirmPath}`, { method: "POST", body: new URLSearchParams(), redirect: "manual" });
      expect(confirmed.status, server.output()).toBe(302);
      expect(confirmed.headers.get("location")).toBe("/dashboard");
      const cookies = confirmed.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
      expect(cookies.some((cookie) => cookie.startsWith("__session="))).toBe(true);
      const dashboard = await fetch(`${base}/dashboard`, { headers: { Cookie: cookies.join("; ") }, redirect: "manual" });
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain("First Customer Indicators");

      server.child.kill("SIGTERM");
      const { code } = await server.exited;
      expect(crashLines(server.output())).toEqual([]);
      expect(code).toBe(0);
    } finally {
      await rm(dataParent, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("stopping during a long job", () => {
  type JobRow = { task_identifier: string; locked_at: Date | null; locked_by: string | null; attempts: number; last_error: string | null };
  const jobs = () =>
    prisma.$queryRaw<JobRow[]>`
      SELECT t.identifier AS task_identifier, j.locked_at, j.locked_by, j.attempts, j.last_error
        FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`;

  test("SIGTERM while an import runs: the job is stopped between batches and unlocked, the worker exits 0, the import resumes later", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const rows = Array.from({ length: 100_000 }, (_, i) => [`Shutdown ${i}`, `9${String(700_000_000 + i).padStart(9, "0")}`]);
    const created = await createRunningImport(prisma, {
      organizationId: organization.id,
      createdById: owner.id,
      content: csvText([["name", "phone"], ...rows]),
    });
    const worker = run(process.execPath, entry("scripts/worker.ts"), {
      DATABASE_URL: process.env.DATABASE_URL,
      // Running jobs get half a second before their abort signal fires.
      WORKER_SHUTDOWN_GRACE_MS: "500",
    });
    await worker.waitFor(/started with concurrency/, 90_000);
    // The import is under way: its job is locked and a first batch has committed.
    await expect
      .poll(async () => (await prisma.contactImport.findUniqueOrThrow({ where: { id: created.id } })).processedRows, { timeout: 60_000, interval: 100 })
      .toBeGreaterThan(0);
    expect((await jobs()).filter((job) => job.locked_at !== null).map((job) => job.task_identifier)).toEqual(["contacts_import"]);

    worker.child.kill("SIGTERM");
    const { code } = await worker.exited;

    expect(crashLines(worker.output())).toEqual([]);
    expect(worker.output()).toContain("SIGTERM received, shutting down");
    expect(worker.output()).toMatch(/\(contacts_import\) stopped because the worker is shutting down/);
    expect(code).toBe(0);
    // Nothing stays locked (graphile-worker would otherwise wait 4 hours before another worker may take it).
    const after = await jobs();
    expect(after.filter((job) => job.locked_at !== null || job.locked_by !== null)).toEqual([]);
    // The import's job is queued again for its next attempt, which resumes after the last committed batch.
    expect(after.filter((job) => job.task_identifier === "contacts_import")).toEqual([
      expect.objectContaining({ attempts: 1, last_error: expect.stringContaining("worker is shutting down") }),
    ]);
    const stopped = await prisma.contactImport.findUniqueOrThrow({ where: { id: created.id } });
    expect(stopped.status).toBe("RUNNING");
    expect(stopped.processedRows).toBeLessThan(100_000);
    expect(await prisma.contact.count({ where: { organizationId: organization.id } })).toBe(stopped.processedRows);
  }, 180_000);
});
