// The name guard under a race: a product inserted by a transaction not yet committed is invisible to
// the check, so the unique index decides; the loser gets the same field error, and its transaction
// stays usable for the rest of its work.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { toActionFailure } from "~/trpc/caller.server";
import { userActor } from "~/services/command.server";
import { createProduct } from "~/services/product/create-product.server";
import { createProductSchema } from "~/domain/product/product.schema";
import { createOrganization } from "../../../prisma/factories";

test("a name taken by a transaction that commits meanwhile is refused by the index with the field error", async () => {
  const { organization, owner } = await createOrganization(prisma);
  const scope = { organizationId: organization.id, actor: userActor(owner.id) };
  const input = (name: string) => createProductSchema.parse({ name, price: "4999" });

  let commitFirst!: () => void;
  const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
  let firstInserted!: () => void;
  const firstHasInserted = new Promise<void>((resolve) => (firstInserted = resolve));
  const first = prisma.$transaction(async (tx) => {
    await createProduct(tx, scope, input("BankNifty Scalper Pro"));
    firstInserted();
    await firstMayCommit;
  });
  await firstHasInserted;

  const second = prisma.$transaction(async (tx) => {
    // Sees no product by that name yet, so the insert waits on the index until the first commits.
    const refused = createProduct(tx, scope, input("banknifty scalper pro")).then(
      () => null,
      (error: unknown) => error,
    );
    setTimeout(commitFirst, 200);
    const error = await refused;
    // The savepoint kept this transaction usable.
    const other = await createProduct(tx, scope, input("Nifty Options Suite"));
    return { error, other };
  });
  await first;
  const { error, other } = await second;
  expect(toActionFailure(error)).toMatchObject({ status: 409, fieldErrors: { name: "There is already a product called “banknifty scalper pro”. Choose another name." } });
  expect((await prisma.product.findMany({ where: { organizationId: organization.id }, orderBy: { name: "asc" } })).map((p) => p.name)).toEqual([
    "BankNifty Scalper Pro",
    other.name,
  ]);
});
