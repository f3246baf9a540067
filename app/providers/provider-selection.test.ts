// Each capability runs for real only when its credentials are configured, and in the sandbox otherwise.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { parseEnv } from "~/utils/env.server";
import { createOrganization } from "../../prisma/factories";
import { aiProviderFromEnv } from "./ai/index.server";
import { emailProviderFromEnv } from "./email/index.server";
import { messagingProviderFromEnv } from "./messaging/index.server";
import { paymentsProviderFromEnv } from "./payments/index.server";

const base = { DATABASE_URL: "postgresql://localhost/leadlane", NODE_ENV: "test" };
const credentials = {
  TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "twilio-token",
  RAZORPAY_KEY_ID: "rzp_test_abc123",
  RAZORPAY_KEY_SECRET: "razorpay-secret",
  OPENAI_API_KEY: "sk-test",
  SMTP_URL: "smtp://mailer:secret@127.0.0.1:2525",
};

test("with no credentials every provider is the sandbox", () => {
  const env = parseEnv({ ...base, TWILIO_ACCOUNT_SID: "", OPENAI_API_KEY: "  " });
  expect(messagingProviderFromEnv(env).name).toBe("sandbox");
  expect(paymentsProviderFromEnv(env).name).toBe("sandbox");
  expect(emailProviderFromEnv(env).name).toBe("sandbox");
  expect(aiProviderFromEnv(env).name).toBe("sandbox");
});

test("with credentials every provider is the real one", () => {
  const env = parseEnv({ ...base, ...credentials });
  expect(messagingProviderFromEnv(env).name).toBe("twilio");
  expect(paymentsProviderFromEnv(env).name).toBe("razorpay");
  expect(emailProviderFromEnv(env).name).toBe("smtp");
  expect(aiProviderFromEnv(env).name).toBe("openai");
});

test("each capability is chosen on its own", () => {
  const env = parseEnv({ ...base, RAZORPAY_KEY_ID: credentials.RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET: credentials.RAZORPAY_KEY_SECRET });
  expect(paymentsProviderFromEnv(env).name).toBe("razorpay");
  expect(messagingProviderFromEnv(env).name).toBe("sandbox");
});

test("the sandbox payment link points at this app's public URL", async () => {
  const env = parseEnv({ ...base, APP_URL: "https://crm.example.com/" });
  const { organization } = await createOrganization(prisma);
  const link = await paymentsProviderFromEnv(env, prisma).createPaymentLink({
    organizationId: organization.id,
    amountPaise: 10000n,
    currency: "INR",
    description: "Test",
    customer: { name: "Isha", phone: "+919800000001" },
    referenceId: "ref_1",
  });
  expect(link.shortUrl).toBe(`https://crm.example.com/sandbox/checkout/${link.externalId}`);
});
