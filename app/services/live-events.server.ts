// Live updates over PostgreSQL LISTEN/NOTIFY: one channel per organization,
// one listening connection per process shared by every open event stream.
import pg from "pg";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { LISTEN_APPLICATION_NAME } from "~/utils/pg-pool.server";
import { getEnv } from "~/utils/env.server";
import type { LiveEvent } from "~/utils/live-event";

type Tx = Prisma.TransactionClient | PrismaClient;
type Listener = (event: LiveEvent) => void;

export function organizationChannel(organizationId: string): string {
  return `org_${organizationId.replace(/-/g, "")}`;
}

/** Publishes an event to everyone watching the organization. Inside a transaction it is sent on commit. */
export async function publishLiveEvent(db: Tx, organizationId: string, event: LiveEvent): Promise<void> {
  const payload = JSON.stringify(event);
  await db.$executeRaw`SELECT pg_notify(${organizationChannel(organizationId)}, ${payload})`;
}

class LiveEventHub {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private retryDelayMs = 500;

  async subscribe(organizationId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = organizationChannel(organizationId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const client = await this.connection();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: getEnv().DATABASE_URL, keepAlive: true, application_name: LISTEN_APPLICATION_NAME });
    client.on("notification", (message) => {
      const set = this.listeners.get(message.channel);
      if (!set || !message.payload) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.payload) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of set) listener(event);
    });
    const onLost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", onLost);
    client.on("end", onLost);
    await client.connect();
    this.client = client;
    this.retryDelayMs = 500;
    return client;
  }

  /** After a lost connection, reconnect with backoff and listen again on every channel still watched. */
  private scheduleReconnect() {
    if (this.listeners.size === 0) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
    setTimeout(() => {
      this.connection()
        .then(async (client) => {
          for (const channel of this.listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          for (const set of this.listeners.values()) for (const listener of set) listener({ type: "reconnected" });
        })
        .catch(() => this.scheduleReconnect());
    }, delay).unref();
  }

  async close() {
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

const globalForHub = globalThis as unknown as { __leadlaneLiveHub?: LiveEventHub };

export function liveEventHub(): LiveEventHub {
  globalForHub.__leadlaneLiveHub ??= new LiveEventHub();
  return globalForHub.__leadlaneLiveHub;
}
