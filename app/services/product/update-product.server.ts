// Editing a product. Payments already made keep the amount they were made for; only what is
// offered from now on changes.
import type { UpdateProductInput } from "~/domain/product/product.schema";
import { findProduct, updateProductRow } from "~/models/product.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { productNotFound } from "~/services/product/product-errors.server";
import { productRow, writeUnlessNameTaken } from "~/services/product/product-row.server";

export async function updateProduct(tx: CommandTx, { organizationId }: CommandContext, { id, ...input }: UpdateProductInput) {
  if (!(await findProduct(tx, { organizationId, id }))) throw productNotFound();
  const updated = await writeUnlessNameTaken(tx, { organizationId, name: input.name, exceptId: id }, () => updateProductRow(tx, { organizationId, id, ...productRow(input) }));
  const product = updated === 1 ? await findProduct(tx, { organizationId, id }) : null;
  if (!product) throw productNotFound();
  return product;
}
