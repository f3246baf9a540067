import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ProviderError } from "~/providers/provider-error";
import { createSmtpEmailProvider } from "./smtp.server";

type Received = { from: string; to: string[]; raw: string; user?: string; password?: string };
const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  let auth: { user?: string; password?: string } = {};
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    authMethods: ["PLAIN", "LOGIN"],
    onAuth(session, _connection, callback) {
      auth = { user: session.username ?? undefined, password: session.password ?? undefined };
      callback(null, { user: session.username });
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith("@bounce.test")) return callback(Object.assign(new Error("No such user"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          ...auth,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("sends the message over SMTP with the configured sender and credentials", async () => {
  const email = createSmtpEmailProvider({
    url: `smtp://mailer:s3cret@127.0.0.1:${port}`,
    from: "Leadlane <no-reply@leadlane.test>",
  });

  const result = await email.send({
    organizationId: null,
    to: "priya@example.com",
    subject: "You are invited to Acme Indicators",
    text: "Open this link to join your team.",
  });

  expect(result.provider).toBe("smtp");
  expect(result.externalId).toMatch(/^<.+@.+>$/);
  expect(received).toHaveLength(1);
  const [mail] = received;
  expect(mail).toMatchObject({ from: "no-reply@leadlane.test", to: ["priya@example.com"], user: "mailer", password: "s3cret" });
  expect(mail!.raw).toContain("Subject: You are invited to Acme Indicators");
  expect(mail!.raw).toContain("From: Leadlane <no-reply@leadlane.test>");
  expect(mail!.raw).toContain("Open this link to join your team.");
  expect(mail!.raw).toContain(`Message-ID: ${result.externalId}`);
});

test("an idempotency key gives a retried send the same Message-ID", async () => {
  const email = createSmtpEmailProvider({ url: `smtp://127.0.0.1:${port}`, from: "Leadlane <no-reply@leadlane.test>" });
  const message = { organizationId: null, to: "a@example.com", subject: "Hi", text: "Hello", idempotencyKey: "invitation_send:7" };
  const first = await email.send(message);
  const retry = await email.send(message);
  expect(first.externalId).toMatch(/^<[0-9a-f]{32}@leadlane\.test>$/);
  expect(retry.externalId).toBe(first.externalId);
  expect(received.at(-1)!.raw).toContain(`Message-ID: ${first.externalId}`);
});

test("a rejected recipient becomes a permanent ProviderError", async () => {
  const email = createSmtpEmailProvider({ url: `smtp://127.0.0.1:${port}`, from: "no-reply@leadlane.test" });
  const error = await email
    .send({ organizationId: null, to: "nobody@bounce.test", subject: "Hi", text: "Hello" })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ provider: "smtp", code: "550", retryable: false });
});

test("an unreachable server is worth retrying", async () => {
  const email = createSmtpEmailProvider({ url: "smtp://127.0.0.1:1", from: "no-reply@leadlane.test" });
  const error = await email.send({ organizationId: null, to: "a@example.com", subject: "Hi", text: "Hello" }).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ provider: "smtp", retryable: true });
});
