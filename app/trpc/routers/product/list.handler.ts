import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ListProductsInput } from "~/trpc/routers/product/list.schema";
import { listProducts } from "~/models/product.server";
import { assertCanSeeArchivedProducts } from "~/trpc/routers/product/product-guards.server";
import { productView } from "~/trpc/routers/product/product-view";

/** The products on offer, by name; with includeInactive (owners and admins), the archived ones after them. */
export async function listProductsHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListProductsInput }) {
  if (input.includeInactive) assertCanSeeArchivedProducts(ctx);
  const products = await listProducts(ctx.db, { organizationId: ctx.org.id, includeInactive: input.includeInactive });
  return products.map(productView);
}
