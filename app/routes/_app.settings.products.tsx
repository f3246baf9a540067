// /settings/products — the organization's product catalog: each product with its price, category,
// description and features; owners and admins add, edit, archive and unarchive them here, everyone
// else sees what is on offer. Plain forms: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, TextareaField, TextField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { formatAmount, paiseToRupeesInput } from "~/domain/payment/money";
import {
  createProductSchema,
  featuresToText,
  PRODUCT_CATEGORY_MAX,
  PRODUCT_DESCRIPTION_MAX,
  PRODUCT_NAME_MAX,
  setProductActiveSchema,
  updateProductSchema,
} from "~/domain/product/product.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { runAndRedirect, submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Products · Settings · Leadlane" }];

const HERE = "/settings/products";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const manage = can(ctx.org?.role, "update:product:any");
  const products = await loaderCall(request, () => caller.product.list({ includeInactive: manage }));
  return json({ products, manage });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  switch (form.get("intent")) {
    case "create":
      return submitAndRedirect(form, createProductSchema, async (value) => {
        const product = await caller.product.create(value);
        return { to: HERE, message: `${product.name} added at ${formatAmount(BigInt(product.pricePaise))}.` };
      });
    case "update":
      return submitAndRedirect(form, updateProductSchema, async (value) => {
        const product = await caller.product.update(value);
        return { to: HERE, message: `${product.name} saved.` };
      });
    case "setActive":
      return runAndRedirect(HERE, async () => {
        const product = await caller.product.setActive(setProductActiveSchema.parse(Object.fromEntries(form)));
        return product.active ? `${product.name} is on offer again.` : `${product.name} archived: agents no longer see it.`;
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

type Product = SerializeFrom<typeof loader>["products"][number];

function productFormValues(product: Product) {
  return {
    id: product.id,
    name: product.name,
    price: paiseToRupeesInput(BigInt(product.pricePaise)),
    category: product.category ?? "",
    description: product.description,
    features: featuresToText(product.features),
  };
}

function ProductForm({ product }: { product?: Product }) {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const intent = product ? "update" : "create";
  // A refused post belongs to the form it came from (the id travels with it).
  const mine = lastResult && "status" in lastResult && (product ? lastResult.initialValue?.id === product.id : !lastResult.initialValue?.id) ? lastResult : undefined;
  const [form, fields] = useForm({
    id: product ? `product-${product.id}` : "new-product",
    lastResult: mine,
    defaultValue: product ? productFormValues(product) : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: product ? updateProductSchema : createProductSchema }),
  });
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === intent && navigation.formData?.get("id") === (product?.id ?? null);
  return (
    <Form method="post" {...getFormProps(form)} aria-label={product ? `Edit ${product.name}` : "New product"} className="space-y-3">
      <input type="hidden" name="intent" value={intent} />
      {product ? <input type="hidden" name="id" value={product.id} /> : null}
      <FormError errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <TextField label="Name" maxLength={PRODUCT_NAME_MAX} {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
        <TextField
          label="Price (₹)"
          hint="In rupees, like 4999 or 4,999.50"
          inputMode="decimal"
          autoComplete="off"
          {...getInputProps(fields.price, { type: "text" })}
          error={fields.price.errors?.[0]}
        />
      </div>
      <TextField
        label="Category"
        hint="Optional, such as Indicator, Course or Bundle"
        maxLength={PRODUCT_CATEGORY_MAX}
        {...getInputProps(fields.category, { type: "text" })}
        error={fields.category.errors?.[0]}
      />
      <TextareaField label="Description" rows={2} maxLength={PRODUCT_DESCRIPTION_MAX} {...getTextareaProps(fields.description)} error={fields.description.errors?.[0]} />
      <TextareaField label="Features" hint="One per line" rows={3} {...getTextareaProps(fields.features)} error={fields.features.errors?.[0]} />
      <Button pending={pending} pendingText="Saving…">
        {product ? "Save product" : "Add product"}
      </Button>
    </Form>
  );
}

function ProductItem({ product, manage, editOpen }: { product: Product; manage: boolean; editOpen: boolean }) {
  return (
    <li className="space-y-2 py-4" aria-label={product.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="font-medium [overflow-wrap:anywhere]">{product.name}</h3>
        <p className="whitespace-nowrap font-semibold tabular-nums">{formatAmount(BigInt(product.pricePaise))}</p>
      </div>
      {product.category || !product.active ? (
        <p className="flex flex-wrap gap-2 text-xs">
          {product.category ? <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium dark:bg-slate-800">{product.category}</span> : null}
          {!product.active ? <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">Archived</span> : null}
        </p>
      ) : null}
      {product.description ? <p className="whitespace-pre-wrap text-sm text-slate-600 dark:text-slate-300 [overflow-wrap:anywhere]">{product.description}</p> : null}
      {product.features.length > 0 ? (
        <ul aria-label={`Features of ${product.name}`} className="list-disc space-y-0.5 pl-5 text-sm text-slate-700 dark:text-slate-200 [overflow-wrap:anywhere]">
          {product.features.map((feature) => (
            <li key={feature}>{feature}</li>
          ))}
        </ul>
      ) : null}
      {manage ? (
        <div className="flex flex-wrap gap-2">
          <details className="w-full" open={editOpen ? true : undefined}>
            <summary
              aria-label={`Edit ${product.name}`}
              className="inline-flex min-h-9 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-700"
            >
              Edit
            </summary>
            <div className="mt-3">
              <ProductForm product={product} />
            </div>
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="setActive" />
            <input type="hidden" name="id" value={product.id} />
            <input type="hidden" name="active" value={product.active ? "false" : "true"} />
            <Button variant="secondary" className="min-h-9 px-3 py-1" aria-label={`${product.active ? "Archive" : "Unarchive"} ${product.name}`}>
              {product.active ? "Archive" : "Unarchive"}
            </Button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}

export default function ProductSettingsPage() {
  const { products, manage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  // Without JavaScript a refused edit comes back with the page: open its form so the errors show.
  const refusedId = lastResult && "status" in lastResult ? lastResult.initialValue?.id : undefined;
  return (
    <div className="space-y-6">
      <Card title={manage ? `Products (${products.length})` : `Products on offer (${products.length})`}>
        {products.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No products yet{manage ? ": add one below." : "."}</p>
        ) : (
          <ul aria-label="Products" className="divide-y divide-slate-200 dark:divide-slate-800">
            {products.map((product) => (
              <ProductItem key={product.id} product={product} manage={manage} editOpen={refusedId === product.id} />
            ))}
          </ul>
        )}
      </Card>
      {manage ? (
        <Card title="New product">
          <ProductForm />
        </Card>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can add, edit or archive products.</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
