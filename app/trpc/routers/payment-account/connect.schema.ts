export { connectRazorpaySchema, type ConnectRazorpayInput } from "~/domain/payment/payment-account.schema";
