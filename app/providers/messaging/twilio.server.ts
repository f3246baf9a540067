// WhatsApp and SMS through Twilio's Messages API, with the official SDK.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import type { MessageListInstanceCreateOptions } from "twilio/lib/rest/api/v2010/account/message";
import { ProviderError } from "~/providers/provider-error";
import {
  sendTemplateInputSchema,
  sendTextInputSchema,
  toMessageStatus,
  type MessageChannel,
  type MessagingProvider,
  type SendMessageResult,
} from "./messaging.types";
import { verifyTwilioSignature } from "./twilio-signature.server";

export type TwilioConfig = {
  accountSid: string;
  authToken: string;
  /** Sends API calls to this origin instead of https://api.twilio.com (a proxy, or a local fake in tests). */
  apiBaseUrl?: string;
  /** Replaces the SDK's HTTP client entirely. */
  httpClient?: twilio.RequestClient;
};

/** The SDK's own HTTP client, sending every request to `baseUrl` instead of Twilio's hosts. */
export class RebasedRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string) {
    super();
    this.base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    const uri = new URL(this.base.pathname.replace(/\/$/, "") + target.pathname + target.search, this.base.origin);
    return super.request<TData>({ ...opts, uri: uri.href });
  }
}

function address(channel: MessageChannel, number: string): string {
  return channel === "WHATSAPP" ? `whatsapp:${number}` : number;
}

function sender(channel: MessageChannel, from: string): Pick<MessageListInstanceCreateOptions, "from" | "messagingServiceSid"> {
  return from.startsWith("MG") ? { messagingServiceSid: from } : { from: address(channel, from) };
}

function toProviderError(error: unknown): ProviderError {
  if (error instanceof twilio.RestException) {
    return new ProviderError("twilio", error.message, {
      status: error.status,
      code: error.code === undefined ? undefined : String(error.code),
      cause: error,
    });
  }
  return new ProviderError("twilio", (error as Error).message ?? String(error), { cause: error });
}

export function createTwilioMessagingProvider(config: TwilioConfig): MessagingProvider {
  const httpClient = config.httpClient ?? (config.apiBaseUrl ? new RebasedRequestClient(config.apiBaseUrl) : undefined);
  const client = twilio(config.accountSid, config.authToken, { httpClient });

  async function create(options: MessageListInstanceCreateOptions): Promise<SendMessageResult> {
    try {
      const message = await client.messages.create(options);
      return { provider: "twilio", externalId: message.sid, status: toMessageStatus(message.status) };
    } catch (error) {
      throw toProviderError(error);
    }
  }

  return {
    name: "twilio",
    async sendText(input) {
      const { channel, from, to, body, statusCallbackUrl } = sendTextInputSchema.parse(input);
      return create({ ...sender(channel, from), to: address(channel, to), body, statusCallback: statusCallbackUrl });
    },
    async sendTemplate(input) {
      const { channel, from, to, contentSid, variables, statusCallbackUrl } = sendTemplateInputSchema.parse(input);
      return create({
        ...sender(channel, from),
        to: address(channel, to),
        contentSid,
        contentVariables: JSON.stringify(variables),
        statusCallback: statusCallbackUrl,
      });
    },
    verifyWebhookSignature: (input) => verifyTwilioSignature(config.authToken, input),
  };
}
