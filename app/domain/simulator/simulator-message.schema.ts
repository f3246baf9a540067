// What the phone simulator sends as a customer: on which channel, as whom (an existing contact, or a
// new phone number or email address with a profile name), the text, and optionally a sample
// attachment. Shared by the simulator's form (Conform, in the browser), its action and the procedure.
import { z } from "zod";
import { previewPhone } from "~/utils/phone";

export const SIMULATOR_SAMPLES = ["image", "document", "location"] as const;
export type SimulatorSample = (typeof SIMULATOR_SAMPLES)[number];

export const SIMULATOR_SAMPLE_LABELS: Record<SimulatorSample, string> = {
  image: "A photo (sample image)",
  document: "A document (sample PDF)",
  location: "A location (Dalal Street, Mumbai)",
};

const empty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const simulatorMessageSchema = z
  .object({
    channelId: z.uuid({ message: "Choose a channel" }),
    contactId: z.preprocess(empty, z.uuid({ message: "Choose a contact from the list" }).optional()),
    phone: z.preprocess(empty, z.string().trim().max(40, { message: "Use at most 40 characters" }).optional()),
    email: z.preprocess(empty, z.email({ message: "Enter an email address such as priya@example.com" }).max(254).optional()),
    profileName: z.preprocess(empty, z.string().trim().max(200, { message: "Use at most 200 characters" }).optional()),
    subject: z.preprocess(empty, z.string().trim().max(200, { message: "Use at most 200 characters" }).optional()),
    body: z.string({ message: "Write a message" }).trim().max(4096, { message: "A message can be at most 4,096 characters" }).default(""),
    sample: z.preprocess(empty, z.enum(SIMULATOR_SAMPLES, { message: "Choose a sample from the list" }).optional()),
  })
  .superRefine((value, ctx) => {
    if (!value.body && !value.sample) ctx.addIssue({ code: "custom", path: ["body"], message: "Write a message or attach a sample" });
    if (value.phone && !previewPhone(value.phone)) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number with its country code, such as +91 98765 43210" });
    }
  });
export type SimulatorMessageInput = z.output<typeof simulatorMessageSchema>;

/** Which conversation the simulator shows: a channel and a customer (a contact, or a phone or email not yet one). */
export const simulatorViewSchema = z.object({
  channelId: z.preprocess(empty, z.uuid({ message: "Choose a channel" }).optional()),
  contactId: z.preprocess(empty, z.uuid({ message: "Choose a contact from the list" }).optional()),
  phone: z.preprocess(empty, z.string().trim().max(40).optional()),
  email: z.preprocess(empty, z.string().trim().max(254).optional()),
});
export type SimulatorViewInput = z.output<typeof simulatorViewSchema>;
