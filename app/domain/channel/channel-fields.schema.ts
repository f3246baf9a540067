// What an admin enters for a channel, shared by the settings form (Conform, in the browser), the
// form action and the procedures. Credentials are write-only: an empty field keeps the stored one.
import { z } from "zod";
import { previewPhone } from "~/utils/phone";

export const CHANNEL_KINDS = ["WHATSAPP", "SMS", "EMAIL"] as const;
export type ChannelKindValue = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_KIND_LABELS: Record<ChannelKindValue, string> = { WHATSAPP: "WhatsApp", SMS: "SMS", EMAIL: "Email" };

/** Sends per second when a channel sets none: a WhatsApp sender, an SMS long code, an SMTP relay. */
export const DEFAULT_RATE_PER_SECOND: Record<ChannelKindValue, number> = { WHATSAPP: 80, SMS: 1, EMAIL: 10 };
export const MIN_RATE_PER_SECOND = 0.1;
export const MAX_RATE_PER_SECOND = 1000;

export const CHANNEL_PROVIDER_LABELS = { SANDBOX: "Sandbox (nothing leaves Leadlane)", TWILIO: "Twilio", SMTP: "SMTP" } as const;

/** "" and whitespace mean "not given" (a form's empty field, or a caller sending ""). */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
}

const trimmed = (message: string) => z.string({ message }).trim();

export const channelIdField = z.uuid({ message: "Channel not found" });

export const channelKindField = z.enum(CHANNEL_KINDS, { message: "Choose WhatsApp, SMS or email" });

export const channelNameField = trimmed("Enter a name")
  .min(1, { message: "Enter a name" })
  .max(120, { message: "Use at most 120 characters" })
  .refine((name) => !/[\r\n\t]/.test(name), { message: "Use a single line" });

export const messagingServiceSidField = optional(
  trimmed("Enter a Messaging Service SID").regex(/^MG[0-9a-fA-F]{32}$/, { message: "A Messaging Service SID is MG followed by 32 hex digits" }),
);

export const accountSidField = optional(
  trimmed("Enter the account SID").regex(/^AC[0-9a-fA-F]{32}$/, { message: "An account SID is AC followed by 32 hex digits" }),
);

export const authTokenField = optional(
  trimmed("Enter the auth token")
    .min(16, { message: "An auth token is at least 16 characters (Twilio's are 32)" })
    .max(128, { message: "An auth token is at most 128 characters" })
    .regex(/^\S+$/, { message: "An auth token has no spaces" }),
);

export const smtpUrlField = optional(
  trimmed("Enter an SMTP URL")
    .max(500, { message: "Use at most 500 characters" })
    .refine(
      (value) => {
        if (!/^smtps?:\/\//i.test(value)) return false;
        try {
          return new URL(value).hostname !== "";
        } catch {
          return false;
        }
      },
      { message: "Use an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465" },
    ),
);

const RATE_MESSAGE = `Enter sends per second from ${MIN_RATE_PER_SECOND} to ${MAX_RATE_PER_SECOND}`;

/** Empty: the kind's default (DEFAULT_RATE_PER_SECOND). */
export const ratePerSecondField = optional(
  z.coerce
    .number({ message: RATE_MESSAGE })
    .refine((rate) => Number.isFinite(rate), { message: RATE_MESSAGE })
    .min(MIN_RATE_PER_SECOND, { message: RATE_MESSAGE })
    .max(MAX_RATE_PER_SECOND, { message: RATE_MESSAGE }),
);

const addressTextField = optional(trimmed("Enter the sender").max(320, { message: "Use at most 320 characters" }));

const EMAIL = z.email();

/** The fields both the create and the update form carry. */
const channelFields = {
  kind: channelKindField,
  name: channelNameField,
  /** An E.164 number for WhatsApp and SMS (or none, when a Messaging Service sends), an address for email. */
  address: addressTextField,
  messagingServiceSid: messagingServiceSidField,
  accountSid: accountSidField,
  authToken: authTokenField,
  smtpUrl: smtpUrlField,
  ratePerSecond: ratePerSecondField,
};

type ChannelFieldsInput = {
  kind: ChannelKindValue;
  address?: string | undefined;
  messagingServiceSid?: string | undefined;
  accountSid?: string | undefined;
  authToken?: string | undefined;
  smtpUrl?: string | undefined;
};

/**
 * Checks the sender against the kind and drops what the kind does not use (a Messaging Service or
 * Twilio credentials on an email channel, SMTP on WhatsApp), so nothing stray is stored.
 */
function senderForKind<T extends ChannelFieldsInput>(value: T, ctx: z.RefinementCtx): T {
  if (value.kind === "EMAIL") {
    const address = value.address?.toLowerCase();
    if (!address) ctx.addIssue({ code: "custom", path: ["address"], message: "Enter the email address customers write to" });
    else if (!EMAIL.safeParse(address).success) ctx.addIssue({ code: "custom", path: ["address"], message: "Enter an email address such as sales@example.com" });
    return { ...value, address, messagingServiceSid: undefined, accountSid: undefined, authToken: undefined };
  }
  let address = value.address;
  if (address) {
    const phone = previewPhone(address);
    if (!phone) ctx.addIssue({ code: "custom", path: ["address"], message: "Enter the sender number with its country code, such as +91 98765 43210" });
    else address = phone;
  } else if (!value.messagingServiceSid) {
    ctx.addIssue({ code: "custom", path: ["address"], message: "Enter the sender number, or a Messaging Service SID below" });
  }
  return { ...value, address, smtpUrl: undefined };
}

export const createChannelSchema = z
  .object(channelFields)
  .transform((value, ctx) => senderForKind(value, ctx))
  .superRefine((value, ctx) => {
    if (value.kind === "EMAIL") return;
    if (value.accountSid && !value.authToken) ctx.addIssue({ code: "custom", path: ["authToken"], message: "Enter the auth token that goes with the account SID" });
    if (value.authToken && !value.accountSid) ctx.addIssue({ code: "custom", path: ["accountSid"], message: "Enter the account SID that goes with the auth token" });
  });
export type CreateChannelInput = z.output<typeof createChannelSchema>;

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()).optional();

export const updateChannelSchema = z
  .object({
    id: channelIdField,
    ...channelFields,
    /** Back to the sandbox (WhatsApp, SMS) or the server's SMTP (email): the stored credentials are deleted. */
    removeCredentials: checkbox,
    /** Email: replace the inbound secret with a new one (shown once). */
    newInboundSecret: checkbox,
  })
  .transform((value, ctx) => senderForKind(value, ctx));
export type UpdateChannelInput = z.output<typeof updateChannelSchema>;

export const channelIdSchema = z.object({ id: channelIdField });
export type ChannelIdInput = z.output<typeof channelIdSchema>;

/** The fields a form never gets back after a refused submission (they would put credentials in the page). */
export const CHANNEL_SECRET_FIELDS = ["accountSid", "authToken", "smtpUrl"];
