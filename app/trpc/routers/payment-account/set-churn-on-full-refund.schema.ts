export { setChurnOnFullRefundSchema, type SetChurnOnFullRefundInput } from "~/domain/payment/payment-account.schema";
