// Adding a product to the catalog: on offer at once unless created archived.
import type { CreateProductInput } from "~/domain/product/product.schema";
import { insertProduct } from "~/models/product.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { productRow, writeUnlessNameTaken } from "~/services/product/product-row.server";

export async function createProduct(tx: CommandTx, { organizationId }: CommandContext, { active, ...input }: CreateProductInput) {
  return writeUnlessNameTaken(tx, { organizationId, name: input.name }, () => insertProduct(tx, { organizationId, active, ...productRow(input) }));
}
