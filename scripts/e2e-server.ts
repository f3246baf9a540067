// The server the browser tests run against: `npm start` on a throwaway
// embedded database (or DATABASE_URL), with a fixed test secret, and a local
// fake of Razorpay's API for organizations that connect their own keys.
import { rm } from "node:fs/promises";
import path from "node:path";

// One data folder per port, so two runs on different ports don't wipe each other.
const dataDir = path.resolve(`.data/e2e-postgres-${process.env.PORT ?? "3111"}`);
if (!process.env.DATABASE_URL) await rm(dataDir, { recursive: true, force: true });
process.env.LEADLANE_DATA_DIR = dataDir;
process.env.LEADLANE_THROWAWAY_DATABASE = "1";
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "e2e-only-session-secret-0123456789abcdef";
// Production refuses to store channel credentials without a key: a fixed one for the throwaway database.
process.env.CHANNEL_SECRET_KEYS ??= `e2e:${Buffer.alloc(32, 7).toString("base64")}`;
process.env.APP_URL ??= `http://localhost:${process.env.PORT ?? "3111"}`;
// Keys entered on Settings › Payments are checked against this fake, never against Razorpay.
if (!process.env.RAZORPAY_API_BASE_URL) {
  const { startFakeRazorpay } = await import("../app/providers/testing/fake-razorpay-server");
  const { E2E_RAZORPAY_KEY_ID, E2E_RAZORPAY_KEY_SECRET } = await import("../e2e/fake-razorpay-keys");
  const razorpay = await startFakeRazorpay({ keyId: E2E_RAZORPAY_KEY_ID, keySecret: E2E_RAZORPAY_KEY_SECRET, record: false });
  process.env.RAZORPAY_API_BASE_URL = razorpay.url;
}
await import("./start");
