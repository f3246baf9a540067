// Archiving a product (no longer offered to agents; kept for the payments that name it) or bringing it back.
import type { SetProductActiveInput } from "~/domain/product/product.schema";
import { findProduct, setProductActiveRow } from "~/models/product.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { productNotFound } from "~/services/product/product-errors.server";

export async function setProductActive(tx: CommandTx, { organizationId }: CommandContext, { id, active }: SetProductActiveInput) {
  if ((await setProductActiveRow(tx, { organizationId, id, active })) !== 1) throw productNotFound();
  const product = await findProduct(tx, { organizationId, id });
  if (!product) throw productNotFound();
  return product;
}
