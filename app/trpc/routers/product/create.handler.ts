import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateProductInput } from "~/trpc/routers/product/create.schema";
import { assertCanManageProducts } from "~/trpc/routers/product/product-guards.server";
import { productView } from "~/trpc/routers/product/product-view";
import { commandScope } from "~/trpc/command-scope.server";
import { createProduct } from "~/services/product/create-product.server";

export async function createProductHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateProductInput }) {
  assertCanManageProducts(ctx, "create");
  return productView(await ctx.db.$transaction((tx) => createProduct(tx, commandScope(ctx), input)));
}
