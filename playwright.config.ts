import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3111);
const baseURL = `http://localhost:${PORT}`;

// Debian's Chromium where it is installed (Playwright cannot download its own
// browser everywhere); otherwise Playwright's own.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, testIgnore: /\.mobile\.spec\.ts$/ },
    // The phone runs the *.mobile specs, and the specs listed here that are written for both screens.
    { name: "phone", use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, launchOptions }, testMatch: [/\.mobile\.spec\.ts$/, /\/products\.spec\.ts$/, /\/payment-flow\.spec\.ts$/, /\/payment-settings\.spec\.ts$/, /\/payments\.spec\.ts$/] },
  ],
  webServer: {
    // The production build with its worker, on a fresh embedded database per run.
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: !process.env.CI,
    env: { PORT: String(PORT), APP_URL: baseURL },
    stdout: "pipe",
    stderr: "pipe",
  },
});
