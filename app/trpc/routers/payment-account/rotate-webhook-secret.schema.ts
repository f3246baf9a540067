export { rotateWebhookSecretSchema, type RotateWebhookSecretInput } from "~/domain/payment/payment-account.schema";
