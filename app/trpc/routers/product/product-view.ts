// What a page or a client receives of a product: the price as a decimal string of paise (JSON has
// no BigInt), to read back with BigInt() and show with formatAmount.
import type { ProductRecord } from "~/models/product.server";

export function productView(product: ProductRecord) {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    pricePaise: product.pricePaise.toString(),
    currency: product.currency,
    category: product.category,
    features: product.features,
    active: product.active,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

export type ProductView = ReturnType<typeof productView>;
