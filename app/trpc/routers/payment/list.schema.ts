export { paymentListSchema as listPaymentsSchema, type PaymentListInput as ListPaymentsInput } from "~/domain/payment/payment-filter";
