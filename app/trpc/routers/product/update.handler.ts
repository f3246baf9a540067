import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateProductInput } from "~/trpc/routers/product/update.schema";
import { assertCanManageProducts } from "~/trpc/routers/product/product-guards.server";
import { productView } from "~/trpc/routers/product/product-view";
import { commandScope } from "~/trpc/command-scope.server";
import { updateProduct } from "~/services/product/update-product.server";

export async function updateProductHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateProductInput }) {
  assertCanManageProducts(ctx, "update");
  return productView(await ctx.db.$transaction((tx) => updateProduct(tx, commandScope(ctx), input)));
}
