import { orgProcedure, router } from "~/trpc/trpc.server";
import { listProductsSchema } from "~/trpc/routers/product/list.schema";
import { listProductsHandler } from "~/trpc/routers/product/list.handler";
import { getProductSchema } from "~/trpc/routers/product/get.schema";
import { getProductHandler } from "~/trpc/routers/product/get.handler";
import { createProductSchema } from "~/trpc/routers/product/create.schema";
import { createProductHandler } from "~/trpc/routers/product/create.handler";
import { updateProductSchema } from "~/trpc/routers/product/update.schema";
import { updateProductHandler } from "~/trpc/routers/product/update.handler";
import { setProductActiveSchema } from "~/trpc/routers/product/set-active.schema";
import { setProductActiveHandler } from "~/trpc/routers/product/set-active.handler";

// Every member lists and reads products (agents offer them); owners and admins create, edit and archive them.
export const productRouter = router({
  list: orgProcedure("VIEWER").input(listProductsSchema).query(listProductsHandler),
  get: orgProcedure("VIEWER").input(getProductSchema).query(getProductHandler),
  create: orgProcedure("VIEWER").input(createProductSchema).mutation(createProductHandler),
  update: orgProcedure("VIEWER").input(updateProductSchema).mutation(updateProductHandler),
  setActive: orgProcedure("VIEWER").input(setProductActiveSchema).mutation(setProductActiveHandler),
});
