import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetProductInput } from "~/trpc/routers/product/get.schema";
import { findProduct } from "~/models/product.server";
import { productNotFound } from "~/services/product/product-errors.server";
import { productView } from "~/trpc/routers/product/product-view";

/** One product of the organization, archived or not (a payment made for it still names it). */
export async function getProductHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetProductInput }) {
  const product = await findProduct(ctx.db, { organizationId: ctx.org.id, id: input.id });
  if (!product) throw productNotFound();
  return productView(product);
}
