// The razorpay SDK's own building blocks, typed by the declarations it publishes
// (dist/types): the API client, whose constructor takes the host, and the
// resources built on it. The package declares only its top-level class; these
// say which declaration belongs to which module.
declare module "razorpay/dist/api.js" {
  import API from "razorpay/dist/types/api";
  export default API;
}

declare module "razorpay/dist/resources/paymentLink.js" {
  import paymentLink from "razorpay/dist/types/paymentLink";
  export default paymentLink;
}

declare module "razorpay/dist/resources/orders.js" {
  import orders from "razorpay/dist/types/orders";
  export default orders;
}

declare module "razorpay/dist/resources/payments.js" {
  import payments from "razorpay/dist/types/payments";
  export default payments;
}
