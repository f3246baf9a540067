// The fields of the add and edit channel forms. Without JavaScript every field shows; each says which
// kind uses it, and the server drops what the kind does not use.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { TextField } from "~/components/ui/field";
import { DEFAULT_RATE_PER_SECOND, MAX_RATE_PER_SECOND, MIN_RATE_PER_SECOND, type ChannelKindValue } from "~/domain/channel/channel-fields.schema";

type Field = FieldMetadata<unknown, Record<string, unknown>, string[]>;

export type ChannelFormFieldSet = {
  name: Field;
  address: Field;
  messagingServiceSid: Field;
  accountSid: Field;
  authToken: Field;
  smtpUrl: Field;
  ratePerSecond: Field;
};

const SAVED_HINT = "Saved — enter a new one to replace it, or leave empty to keep it.";

/** `kind` is known when editing (one kind's fields) and null when adding (all of them, each labelled). */
export function ChannelFormFields({
  fields,
  kind,
  saved = [],
}: {
  fields: ChannelFormFieldSet;
  kind: ChannelKindValue | null;
  /** The credentials the channel has stored (their names only). */
  saved?: readonly string[];
}) {
  const messaging = kind === null || kind !== "EMAIL";
  const email = kind === null || kind === "EMAIL";
  const rateHint =
    kind === null
      ? `Empty: ${DEFAULT_RATE_PER_SECOND.WHATSAPP}/s for WhatsApp, ${DEFAULT_RATE_PER_SECOND.SMS}/s for SMS, ${DEFAULT_RATE_PER_SECOND.EMAIL}/s for email.`
      : `Empty: the default, ${DEFAULT_RATE_PER_SECOND[kind]} per second.`;
  const secretInput = (field: Field) => ({ ...getInputProps(field, { type: "password" }), autoComplete: "off", defaultValue: undefined });
  return (
    <>
      <TextField label="Name" {...getInputProps(fields.name, { type: "text" })} maxLength={120} error={fields.name.errors?.[0]} />
      <TextField
        label={kind === "EMAIL" ? "Email address" : kind === null ? "Sender (number, or email address)" : "Sender number"}
        {...getInputProps(fields.address, { type: "text" })}
        hint={
          kind === null
            ? "WhatsApp and SMS: the number with its country code (+91 98765 43210), or empty with a Messaging Service SID. Email: the address customers write to."
            : kind === "EMAIL"
              ? "The address customers write to."
              : "With its country code (+91 98765 43210); empty when a Messaging Service sends."
        }
        error={fields.address.errors?.[0]}
      />
      {messaging ? (
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">Twilio{kind === null ? " (WhatsApp and SMS)" : ""}</legend>
          <p className="text-xs text-slate-600 dark:text-slate-300">
            Leave the account SID and auth token empty to stay on the sandbox: messages are not sent, and replies come from the phone simulator.
          </p>
          <TextField
            label="Messaging Service SID (optional)"
            {...getInputProps(fields.messagingServiceSid, { type: "text" })}
            placeholder="MG…"
            error={fields.messagingServiceSid.errors?.[0]}
          />
          <TextField
            label="Account SID"
            {...secretInput(fields.accountSid)}
            placeholder="AC…"
            hint={saved.includes("accountSid") ? SAVED_HINT : "From the Twilio console."}
            error={fields.accountSid.errors?.[0]}
          />
          <TextField
            label="Auth token"
            {...secretInput(fields.authToken)}
            hint={saved.includes("authToken") ? SAVED_HINT : undefined}
            error={fields.authToken.errors?.[0]}
          />
        </fieldset>
      ) : null}
      {email ? (
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">SMTP{kind === null ? " (email)" : ""}</legend>
          <TextField
            label="SMTP URL (optional)"
            {...secretInput(fields.smtpUrl)}
            placeholder="smtps://user:password@smtp.example.com:465"
            hint={saved.includes("smtpUrl") ? SAVED_HINT : "Empty: the server's SMTP settings (or the sandbox without them)."}
            error={fields.smtpUrl.errors?.[0]}
          />
        </fieldset>
      ) : null}
      <TextField
        label="Sends per second"
        {...getInputProps(fields.ratePerSecond, { type: "number" })}
        step="any"
        min={MIN_RATE_PER_SECOND}
        max={MAX_RATE_PER_SECOND}
        hint={rateHint}
        error={fields.ratePerSecond.errors?.[0]}
      />
    </>
  );
}
