// A product's fields as stored, and the guard on its name: one product per name in an organization,
// whatever its case, checked first for a clear message and held by the unique index under a race.
import type { CreateProductInput } from "~/domain/product/product.schema";
import { findProductByName, type ProductRow } from "~/models/product.server";
import type { CommandTx } from "~/services/command.server";
import { productNameTaken } from "~/services/product/product-errors.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export function productRow(input: Omit<CreateProductInput, "active">): ProductRow {
  return {
    name: input.name,
    description: input.description,
    pricePaise: input.price,
    currency: input.currency,
    category: input.category ?? null,
    features: input.features,
  };
}

/**
 * Runs a write of `name` unless another product (not `exceptId`) holds it. A savepoint turns a lost race
 * on the index into the same refusal, and leaves the caller's transaction usable.
 */
export async function writeUnlessNameTaken<T>(
  tx: CommandTx,
  { organizationId, name, exceptId }: { organizationId: string; name: string; exceptId?: string },
  write: () => Promise<T>,
): Promise<T> {
  const holder = await findProductByName(tx, { organizationId, name });
  if (holder && holder.id !== exceptId) throw productNameTaken(holder.name);
  await tx.$executeRaw`SAVEPOINT product_write`;
  try {
    const result = await write();
    await tx.$executeRaw`RELEASE SAVEPOINT product_write`;
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT product_write`;
    throw productNameTaken(name);
  }
}
