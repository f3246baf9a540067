export { paymentTotalsSchema, type PaymentTotalsInput } from "~/domain/payment/payment-filter";
