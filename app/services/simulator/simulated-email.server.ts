// The raw MIME message a mail relay would post to /webhooks/email/:channelId/inbound, built for the
// phone simulator with nodemailer's own composer (a Message-ID, a Date, the text, a sample PDF).
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import type { SimulatorSample } from "~/domain/simulator/simulator-message.schema";
import { SAMPLE_DOCUMENT_PATH, SAMPLE_IMAGE_PATH, SAMPLE_LOCATION } from "~/services/simulator/simulated-twilio-post.server";

async function sampleAttachment(sample: SimulatorSample | undefined) {
  if (sample === "image" || sample === "document") {
    const file = sample === "image" ? SAMPLE_IMAGE_PATH : SAMPLE_DOCUMENT_PATH;
    return [{ filename: path.basename(file), content: await readFile(path.join(process.cwd(), "public", file)), contentType: sample === "image" ? "image/png" : "application/pdf" }];
  }
  return [];
}

export async function simulatedEmail(input: {
  from: string;
  fromName?: string | undefined;
  to: string;
  subject?: string | undefined;
  body: string;
  sample?: SimulatorSample | undefined;
  inReplyTo?: string | null;
}): Promise<{ raw: Buffer; messageId: string }> {
  // As the inbox stores it: without the angle brackets.
  const messageId = `simulator-${randomBytes(12).toString("hex")}@simulator.invalid`;
  const answered = input.inReplyTo ? `<${input.inReplyTo.replace(/^<|>$/g, "")}>` : null;
  const text =
    input.sample === "location"
      ? `${input.body}\n\n${SAMPLE_LOCATION.label}, ${SAMPLE_LOCATION.address} (${SAMPLE_LOCATION.latitude}, ${SAMPLE_LOCATION.longitude})`.trim()
      : input.body;
  const composer = new MailComposer({
    from: input.fromName ? { name: input.fromName, address: input.from } : input.from,
    to: input.to,
    subject: input.subject ?? (input.body.split("\n")[0]?.slice(0, 80) || "A message"),
    text,
    messageId: `<${messageId}>`,
    ...(answered ? { inReplyTo: answered, references: [answered] } : {}),
    attachments: await sampleAttachment(input.sample),
  });
  const raw = await new Promise<Buffer>((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
  return { raw, messageId };
}
