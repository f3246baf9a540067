import { describe, expect, test } from "vitest";
import { EnvError, appUrl, parseEnv, providerModes } from "~/utils/env.server";

const DATABASE_URL = "postgresql://leadlane:secret@127.0.0.1:5432/leadlane";
const SID = `AC${"0123456789abcdef".repeat(2)}`;

function parseError(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected parseEnv to refuse the environment");
}

describe("parseEnv", () => {
  test("a missing DATABASE_URL is named as required", () => {
    expect(parseError({})).toBe("Invalid configuration: DATABASE_URL is required");
    expect(parseError({ PORT: "4000", NODE_ENV: "test" })).toBe("Invalid configuration: DATABASE_URL is required");
  });

  test("a DATABASE_URL that is not postgresql:// is refused", () => {
    expect(parseError({ DATABASE_URL: "mysql://localhost/leadlane" })).toBe(
      "Invalid configuration: DATABASE_URL must be a postgresql:// URL",
    );
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/leadlane" }).DATABASE_URL).toBe("postgres://localhost/leadlane");
  });

  test("a malformed TWILIO_ACCOUNT_SID is named", () => {
    expect(parseError({ DATABASE_URL, TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: "token" })).toBe(
      "Invalid configuration: TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits",
    );
    expect(parseError({ DATABASE_URL, TWILIO_ACCOUNT_SID: `SK${SID.slice(2)}`, TWILIO_AUTH_TOKEN: "token" })).toMatch(
      /^Invalid configuration: TWILIO_ACCOUNT_SID /,
    );
  });

  test("half a Twilio pair names the missing half", () => {
    expect(parseError({ DATABASE_URL, TWILIO_ACCOUNT_SID: SID })).toBe(
      "Invalid configuration: TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set",
    );
    expect(parseError({ DATABASE_URL, TWILIO_AUTH_TOKEN: "token" })).toBe(
      "Invalid configuration: TWILIO_ACCOUNT_SID is required when TWILIO_AUTH_TOKEN is set",
    );
  });

  test.each([["abc"], ["0"], ["70000"], ["3000.5"]])("PORT=%s is refused in one line naming PORT", (port) => {
    expect(parseError({ DATABASE_URL, PORT: port })).toMatch(/^Invalid configuration: PORT \S/);
  });

  test("RAZORPAY_KEY_ID without its secret (and the reverse) names the missing variable", () => {
    expect(parseError({ DATABASE_URL, RAZORPAY_KEY_ID: "rzp_test_abc123" })).toBe(
      "Invalid configuration: RAZORPAY_KEY_SECRET is required when RAZORPAY_KEY_ID is set",
    );
    expect(parseError({ DATABASE_URL, RAZORPAY_KEY_SECRET: "secret" })).toBe(
      "Invalid configuration: RAZORPAY_KEY_ID is required when RAZORPAY_KEY_SECRET is set",
    );
    expect(parseError({ DATABASE_URL, RAZORPAY_KEY_ID: "key_abc", RAZORPAY_KEY_SECRET: "secret" })).toBe(
      "Invalid configuration: RAZORPAY_KEY_ID must start with rzp_test_ or rzp_live_",
    );
  });

  test("production needs a SESSION_SECRET of at least 32 characters", () => {
    expect(parseError({ DATABASE_URL, NODE_ENV: "production" })).toBe(
      "Invalid configuration: SESSION_SECRET is required in production",
    );
    expect(parseError({ DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: "short" })).toBe(
      "Invalid configuration: SESSION_SECRET must be at least 32 characters",
    );
    expect(
      parseEnv({ DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: "s".repeat(32), APP_URL: "https://crm.example.com" }).SESSION_SECRET,
    ).toBe("s".repeat(32));
  });

  test("the worker's shutdown grace and the migrations' lock timeout are milliseconds with defaults", () => {
    expect(parseEnv({ DATABASE_URL })).toMatchObject({ WORKER_SHUTDOWN_GRACE_MS: 5_000, MIGRATION_LOCK_TIMEOUT_MS: 5_000 });
    expect(parseEnv({ DATABASE_URL, WORKER_SHUTDOWN_GRACE_MS: "0", MIGRATION_LOCK_TIMEOUT_MS: "30000" })).toMatchObject({
      WORKER_SHUTDOWN_GRACE_MS: 0,
      MIGRATION_LOCK_TIMEOUT_MS: 30_000,
    });
    expect(parseError({ DATABASE_URL, WORKER_SHUTDOWN_GRACE_MS: "20000" })).toBe(
      "Invalid configuration: WORKER_SHUTDOWN_GRACE_MS must be a number of milliseconds from 0 to 10000",
    );
    expect(parseError({ DATABASE_URL, WORKER_SHUTDOWN_GRACE_MS: "soon" })).toBe(
      "Invalid configuration: WORKER_SHUTDOWN_GRACE_MS must be a number of milliseconds from 0 to 10000",
    );
    expect(parseError({ DATABASE_URL, MIGRATION_LOCK_TIMEOUT_MS: "-1" })).toBe(
      "Invalid configuration: MIGRATION_LOCK_TIMEOUT_MS must be a whole number of milliseconds (0 waits forever)",
    );
  });

  test("production needs the public APP_URL; elsewhere it defaults to localhost", () => {
    const secret = "s".repeat(32);
    expect(parseError({ DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: secret })).toBe(
      "Invalid configuration: APP_URL is required in production (the public address, such as https://crm.example.com)",
    );
    expect(parseError({ DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: secret, APP_URL: "  " })).toBe(
      "Invalid configuration: APP_URL is required in production (the public address, such as https://crm.example.com)",
    );
    expect(parseError({ DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: secret, APP_URL: "crm.example.com" })).toBe(
      "Invalid configuration: APP_URL must be a URL such as https://crm.example.com",
    );
    const production = parseEnv({ DATABASE_URL, NODE_ENV: "production", SESSION_SECRET: secret, APP_URL: "https://crm.example.com/" });
    expect(appUrl(production)).toBe("https://crm.example.com");
    expect(appUrl(parseEnv({ DATABASE_URL, PORT: "4000" }))).toBe("http://localhost:4000");
  });

  test("other malformed values are named too", () => {
    expect(parseError({ DATABASE_URL, TRUST_PROXY: "yes" })).toBe("Invalid configuration: TRUST_PROXY must be true or false");
    expect(parseError({ DATABASE_URL, SMTP_URL: "http://mail.example.com" })).toBe(
      "Invalid configuration: SMTP_URL must be an smtp:// or smtps:// URL",
    );
    expect(parseError({ DATABASE_URL, APP_URL: "crm.example.com" })).toBe(
      "Invalid configuration: APP_URL must be a URL such as https://crm.example.com",
    );
    expect(parseError({ DATABASE_URL, NODE_ENV: "staging" })).toMatch(/^Invalid configuration: NODE_ENV \S/);
    expect(parseError({ DATABASE_URL, WORKER_CONCURRENCY: "0" })).toMatch(/^Invalid configuration: WORKER_CONCURRENCY \S/);
  });

  test("a valid minimal environment gets the defaults", () => {
    const env = parseEnv({ DATABASE_URL });
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      DATABASE_URL,
      TRUST_PROXY: false,
      WORKER_CONCURRENCY: 5,
      WORKER_NICE: 0,
      DATABASE_POOL_SIZE: 10,
      OPENAI_MODEL: "gpt-4o-mini",
      SMTP_FROM: "Leadlane <no-reply@leadlane.local>",
    });
    for (const name of ["APP_URL", "SESSION_SECRET", "TWILIO_ACCOUNT_SID", "RAZORPAY_KEY_ID", "OPENAI_API_KEY", "SMTP_URL"]) {
      expect(env[name as keyof typeof env], name).toBeUndefined();
    }
  });

  test("HOST takes an IP address or a host name; an empty one means the loopback default", () => {
    expect(parseEnv({ DATABASE_URL, HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ DATABASE_URL, HOST: "::1" }).HOST).toBe("::1");
    expect(parseEnv({ DATABASE_URL, HOST: " crm.internal " }).HOST).toBe("crm.internal");
    expect(parseEnv({ DATABASE_URL, HOST: "" }).HOST).toBe("127.0.0.1");
  });

  test.each([["http://0.0.0.0"], ["0.0.0.0:3000"], ["10.0.0.300"], ["my host"]])("HOST=%s is refused in one line naming HOST", (host) => {
    expect(parseError({ DATABASE_URL, HOST: host })).toBe(
      "Invalid configuration: HOST must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0",
    );
  });

  test("values are coerced and empty vendor settings count as unset", () => {
    const env = parseEnv({
      DATABASE_URL,
      PORT: "8080",
      TRUST_PROXY: "true",
      WORKER_CONCURRENCY: "12",
      TWILIO_ACCOUNT_SID: "",
      TWILIO_AUTH_TOKEN: "  ",
      RAZORPAY_KEY_ID: "",
      OPENAI_API_KEY: "",
      SMTP_URL: "",
    });
    expect(env).toMatchObject({ PORT: 8080, TRUST_PROXY: true, WORKER_CONCURRENCY: 12, DATABASE_POOL_SIZE: 14 });
    expect(env.TWILIO_ACCOUNT_SID).toBeUndefined();
    expect(env.TWILIO_AUTH_TOKEN).toBeUndefined();
    expect(providerModes(env)).toEqual({ messaging: "sandbox", email: "sandbox", payments: "sandbox", ai: "sandbox" });
  });
});

describe("DATABASE_POOL_SIZE", () => {
  test("sets the size of the process's pool", () => {
    expect(parseEnv({ DATABASE_URL, DATABASE_POOL_SIZE: "25" }).DATABASE_POOL_SIZE).toBe(25);
    expect(parseEnv({ DATABASE_URL, DATABASE_POOL_SIZE: "7", WORKER_CONCURRENCY: "5" }).DATABASE_POOL_SIZE).toBe(7);
  });

  test("unset, it is 10, or WORKER_CONCURRENCY + 2 when that is more", () => {
    expect(parseEnv({ DATABASE_URL }).DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ DATABASE_URL, WORKER_CONCURRENCY: "20" }).DATABASE_POOL_SIZE).toBe(22);
  });

  test.each([
    ["ten", "Invalid configuration: DATABASE_POOL_SIZE must be a whole number of connections, such as 10"],
    ["2.5", "Invalid configuration: DATABASE_POOL_SIZE must be a whole number of connections, such as 10"],
    ["2", "Invalid configuration: DATABASE_POOL_SIZE must be at least 3"],
    ["500", "Invalid configuration: DATABASE_POOL_SIZE must be at most 200"],
  ])("DATABASE_POOL_SIZE=%s is refused in one line", (size, message) => {
    expect(parseError({ DATABASE_URL, DATABASE_POOL_SIZE: size })).toBe(message);
  });

  test("a pool too small for the worker's jobs is refused, naming the size needed", () => {
    expect(parseError({ DATABASE_URL, DATABASE_POOL_SIZE: "8", WORKER_CONCURRENCY: "10" })).toBe(
      "Invalid configuration: DATABASE_POOL_SIZE must be at least WORKER_CONCURRENCY + 2 (12)",
    );
  });
});

describe("WORKER_NICE", () => {
  test("sets the worker's priority, from 0 (normal) to 19 (lowest)", () => {
    expect(parseEnv({ DATABASE_URL, WORKER_NICE: "10" }).WORKER_NICE).toBe(10);
    expect(parseEnv({ DATABASE_URL, WORKER_NICE: "19" }).WORKER_NICE).toBe(19);
  });

  test.each([
    ["low", "Invalid configuration: WORKER_NICE must be a whole number from 0 to 19, such as 10"],
    ["2.5", "Invalid configuration: WORKER_NICE must be a whole number from 0 to 19, such as 10"],
    ["-5", "Invalid configuration: WORKER_NICE must be from 0 (normal priority) to 19 (lowest)"],
    ["20", "Invalid configuration: WORKER_NICE must be from 0 (normal priority) to 19 (lowest)"],
  ])("WORKER_NICE=%s is refused in one line", (nice, message) => {
    expect(parseError({ DATABASE_URL, WORKER_NICE: nice })).toBe(message);
  });
});

describe("providerModes", () => {
  test("every provider is a sandbox without credentials", () => {
    expect(providerModes(parseEnv({ DATABASE_URL }))).toEqual({
      messaging: "sandbox",
      email: "sandbox",
      payments: "sandbox",
      ai: "sandbox",
    });
  });

  test("each provider runs for real once its credentials are set, independently", () => {
    expect(providerModes(parseEnv({ DATABASE_URL, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "t" }))).toEqual({
      messaging: "twilio",
      email: "sandbox",
      payments: "sandbox",
      ai: "sandbox",
    });
    expect(providerModes(parseEnv({ DATABASE_URL, SMTP_URL: "smtp://mail.example.com:587" })).email).toBe("smtp");
    expect(
      providerModes(parseEnv({ DATABASE_URL, RAZORPAY_KEY_ID: "rzp_live_abc", RAZORPAY_KEY_SECRET: "s" })).payments,
    ).toBe("razorpay");
    expect(providerModes(parseEnv({ DATABASE_URL, OPENAI_API_KEY: "sk-test" })).ai).toBe("openai");
  });
});

describe("appUrl", () => {
  test("defaults to localhost on PORT and drops a trailing slash from APP_URL", () => {
    expect(appUrl(parseEnv({ DATABASE_URL }))).toBe("http://localhost:3000");
    expect(appUrl(parseEnv({ DATABASE_URL, PORT: "4321" }))).toBe("http://localhost:4321");
    expect(appUrl(parseEnv({ DATABASE_URL, APP_URL: "https://crm.example.com/" }))).toBe("https://crm.example.com");
  });
});
