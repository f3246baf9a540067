// What our own link page needs to offer a link of the order flow: Razorpay Checkout on its order (with
// the account's public key id) or the sandbox's page. Browser-safe: the page receives it with the
// amount as a decimal string of paise (JSON has no BigInt).
export type OrderCheckout = {
  code: string;
  orderId: string;
  amountPaise: bigint;
  description: string;
  payee: string;
  customer: { name: string; phone: string | null; email: string | null };
  provider: { kind: "razorpay"; keyId: string } | { kind: "sandbox" };
};

export type OrderCheckoutView = Omit<OrderCheckout, "amountPaise"> & { amountPaise: string };

export function orderCheckoutView(checkout: OrderCheckout): OrderCheckoutView {
  return { ...checkout, amountPaise: checkout.amountPaise.toString() };
}
