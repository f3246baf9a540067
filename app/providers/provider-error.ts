// A failed vendor call in one shape, so services and jobs can decide whether a retry can help.

export type ProviderErrorDetails = { status?: number; code?: string; retryable?: boolean; cause?: unknown };

export class ProviderError extends Error {
  readonly provider: string;
  /** HTTP status from the vendor; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The vendor's own error code (Twilio 21211, Razorpay BAD_REQUEST_ERROR, …). */
  readonly code: string | undefined;
  readonly retryable: boolean;

  constructor(provider: string, message: string, details: ProviderErrorDetails = {}) {
    super(`${provider}: ${message}`, { cause: details.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable ?? isRetryableStatus(details.status);
  }
}

/** No response, timeouts, throttling and server errors are worth retrying; other 4xx are not. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500;
}
