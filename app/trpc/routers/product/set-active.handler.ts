import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SetProductActiveInput } from "~/trpc/routers/product/set-active.schema";
import { assertCanManageProducts } from "~/trpc/routers/product/product-guards.server";
import { productView } from "~/trpc/routers/product/product-view";
import { commandScope } from "~/trpc/command-scope.server";
import { setProductActive } from "~/services/product/set-product-active.server";

export async function setProductActiveHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetProductActiveInput }) {
  assertCanManageProducts(ctx, "update");
  return productView(await ctx.db.$transaction((tx) => setProductActive(tx, commandScope(ctx), input)));
}
