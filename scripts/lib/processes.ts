// Keeping child processes tied to their parent: a child group that is stopped
// as a whole, and a watch on the processes that started us.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parentAndCommand(pid: number): { ppid: number; command: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { ppid, command };
  } catch {
    return null;
  }
}

/**
 * The processes that started us, up to the `npm run …` / `npx …` someone ran
 * (npm → sh → us). Stopping npm signals only its own child, the shell,
 * which ends without passing the signal on; so we watch the whole chain. Where
 * there is no /proc, or no npm above us, just our parent.
 */
export function launcherPids(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 5 && pid > 1; depth += 1) {
    const info = parentAndCommand(pid);
    if (!info) break;
    chain.push(pid);
    if (/^npm\b|\/npm-cli\.js\b/.test(info.command)) return chain;
    pid = info.ppid;
  }
  return process.ppid > 1 ? [process.ppid] : [];
}

/** Calls `onGone` once, as soon as any of `pids` has ended. */
export function whenAnyEnds(pids: number[], onGone: () => void, intervalMs = 1_000): () => void {
  if (pids.length === 0) return () => {};
  const timer = setInterval(() => {
    if (pids.every(isAlive)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export type ChildGroup = { child: ChildProcess; stop: () => Promise<void> };

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a command in a process group of its own, so that it and everything it
 * starts (npx → sh → remix → tsx → node) can be stopped together. It does not
 * read the terminal (a background group that does is suspended). If we exit
 * without stopping it, the group still gets SIGTERM.
 */
export function spawnGroup(command: string, args: string[], options: Omit<SpawnOptions, "detached" | "stdio"> = {}): ChildGroup {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "inherit", "inherit"] });
  const pgid = child.pid!;
  const onExit = () => signalGroup(pgid, "SIGTERM");
  process.on("exit", onExit);
  let stopping: Promise<void> | null = null;
  return {
    child,
    stop: () => {
      stopping ??= (async () => {
        if (signalGroup(pgid, "SIGTERM")) {
          for (let waited = 0; signalGroup(pgid, 0); waited += 100) {
            if (waited >= 8_000) {
              signalGroup(pgid, "SIGKILL");
              break;
            }
            await sleep(100);
          }
        }
        process.off("exit", onExit);
      })();
      return stopping;
    },
  };
}
