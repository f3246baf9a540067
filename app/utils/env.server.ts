// Configuration, validated once at start. A missing or malformed variable
// stops the process with one line that names it.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const HOST_MESSAGE = "must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0";

/** Where the HTTP server listens: loopback unless told otherwise (the dev session secret is public). */
const hostSchema = optionalString.pipe(
  z
    .union([z.ipv4(), z.ipv6(), z.hostname()], { message: HOST_MESSAGE })
    // "10.0.0.300" is a valid host name to the letter, but certainly a mistyped address.
    .refine((host) => !/^[\d.]+$/.test(host) || z.ipv4().safeParse(host).success, { message: HOST_MESSAGE })
    .default("127.0.0.1"),
);

/** The pool's size when DATABASE_POOL_SIZE is unset (raised to WORKER_CONCURRENCY + 2 when that is more). */
export const DEFAULT_POOL_SIZE = 10;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: hostSchema,
    APP_URL: optionalString.pipe(z.url({ message: "must be a URL such as https://crm.example.com" }).optional()),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: "must be a postgresql:// URL" }),
    SESSION_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
    TRUST_PROXY: z
      .enum(["true", "false"], { message: "must be true or false" })
      .default("false")
      .transform((value) => value === "true"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    WORKER_NICE: z.coerce
      .number({ message: "must be a whole number from 0 to 19, such as 10" })
      .int({ message: "must be a whole number from 0 to 19, such as 10" })
      .min(0, { message: "must be from 0 (normal priority) to 19 (lowest)" })
      .max(19, { message: "must be from 0 (normal priority) to 19 (lowest)" })
      .default(0),
    DATABASE_POOL_SIZE: z.coerce
      .number({ message: "must be a whole number of connections, such as 10" })
      .int({ message: "must be a whole number of connections, such as 10" })
      .min(3, { message: "must be at least 3" })
      .max(200, { message: "must be at most 200" })
      .optional(),
    MIGRATION_LOCK_TIMEOUT_MS: z.coerce
      .number({ message: "must be a whole number of milliseconds (0 waits forever)" })
      .int({ message: "must be a whole number of milliseconds (0 waits forever)" })
      .min(0, { message: "must be a whole number of milliseconds (0 waits forever)" })
      .default(5_000),
    // Within the 15 s a stopping process allows itself in all.
    WORKER_SHUTDOWN_GRACE_MS: z.coerce
      .number({ message: "must be a number of milliseconds from 0 to 10000" })
      .int({ message: "must be a number of milliseconds from 0 to 10000" })
      .min(0, { message: "must be a number of milliseconds from 0 to 10000" })
      .max(10_000, { message: "must be a number of milliseconds from 0 to 10000" })
      .default(5_000),
    TWILIO_ACCOUNT_SID: optionalString.pipe(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, { message: "must look like AC followed by 32 hex digits" }).optional(),
    ),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_API_BASE_URL: optionalString.pipe(z.url().optional()),
    RAZORPAY_KEY_ID: optionalString.pipe(
      z.string().regex(/^rzp_(test|live)_\w+$/, { message: "must start with rzp_test_ or rzp_live_" }).optional(),
    ),
    RAZORPAY_KEY_SECRET: optionalString,
    RAZORPAY_API_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: z.string().default("gpt-4o-mini"),
    SMTP_URL: optionalString.pipe(
      z.string().regex(/^smtps?:\/\//, { message: "must be an smtp:// or smtps:// URL" }).optional(),
    ),
    SMTP_FROM: z.string().default("Leadlane <no-reply@leadlane.local>"),
    /** `off` lifts every sender's rate (Channel.ratePerSecond) — for benchmarks and bulk tests, never for real senders. */
    MESSAGE_SEND_RATE_LIMIT: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    /** Keys that encrypt channel credentials: "id:base64 32 bytes", the first one current (see secret-box.server.ts). */
    CHANNEL_SECRET_KEYS: optionalString,
  })
  .superRefine((env, ctx) => {
    const pairs: Array<[keyof typeof env, keyof typeof env]> = [
      ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"],
      ["RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET"],
    ];
    for (const [a, b] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        const missing = env[a] ? b : a;
        ctx.addIssue({ code: "custom", path: [missing], message: `is required when ${env[a] ? a : b} is set` });
      }
    }
    // A worker keeps one pooled connection listening for new jobs and runs up to
    // WORKER_CONCURRENCY jobs, each needing a connection; requests need one more.
    if (env.DATABASE_POOL_SIZE !== undefined && env.DATABASE_POOL_SIZE < env.WORKER_CONCURRENCY + 2) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_POOL_SIZE"],
        message: `must be at least WORKER_CONCURRENCY + 2 (${env.WORKER_CONCURRENCY + 2})`,
      });
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    // Links we send (invitations, payment links) must name the address people really open.
    if (env.NODE_ENV === "production" && !env.APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "is required in production (the public address, such as https://crm.example.com)",
      });
    }
  })
  .transform((env) => ({
    ...env,
    /** Connections in the process's one pool (the LISTEN connection for live updates comes on top). */
    DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE ?? Math.max(DEFAULT_POOL_SIZE, env.WORKER_CONCURRENCY + 2),
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses an environment; throws an EnvError whose message is one line naming the bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const message = issue.code === "invalid_type" && source[name] === undefined ? "is required" : issue.message;
  throw new EnvError(`Invalid configuration: ${name} ${message}`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The public base URL used in links we send (invitations, payment links). */
export function appUrl(env: Env = getEnv()): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

/** Which providers run for real; the rest run in sandbox mode. */
export function providerModes(env: Env = getEnv()) {
  return {
    messaging: env.TWILIO_ACCOUNT_SID ? "twilio" : "sandbox",
    email: env.SMTP_URL ? "smtp" : "sandbox",
    payments: env.RAZORPAY_KEY_ID ? "razorpay" : "sandbox",
    ai: env.OPENAI_API_KEY ? "openai" : "sandbox",
  } as const;
}
