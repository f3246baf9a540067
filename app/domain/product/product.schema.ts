// A product of the catalog: what an agent picks when asking a customer to pay. Browser-safe:
// the settings forms (Conform), the form action and the procedures parse with the same shapes.
import { z } from "zod";
import { rupeesAmount } from "~/domain/payment/money";

export const PRODUCT_NAME_MAX = 200;
export const PRODUCT_DESCRIPTION_MAX = 2000;
export const PRODUCT_CATEGORY_MAX = 60;
export const PRODUCT_FEATURE_MAX = 200;
export const PRODUCT_FEATURES_MAX = 20;

/** Only rupees until another currency works end to end (payment links, webhooks, totals). */
export const PRODUCT_CURRENCIES = ["INR"] as const;
export type ProductCurrency = (typeof PRODUCT_CURRENCIES)[number];

const blankToUndefined = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);

export const productIdField = z.uuid({ message: "Product not found" });

/** One line, inner runs of spaces made one: "Nifty  Options Suite " is "Nifty Options Suite". */
const nameField = z
  .string({ message: "Enter the product's name" })
  .transform((name) => name.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, { message: "Enter the product's name" })
      .max(PRODUCT_NAME_MAX, { message: `Use at most ${PRODUCT_NAME_MAX} characters` }),
  );

const descriptionField = z
  .preprocess(
    (value) => value ?? "",
    z
      .string({ message: "Describe the product in words" })
      .trim()
      .max(PRODUCT_DESCRIPTION_MAX, { message: `Use at most ${PRODUCT_DESCRIPTION_MAX.toLocaleString("en-IN")} characters` }),
  )
  .default("");

const categoryField = z.preprocess(
  blankToUndefined,
  z
    .string({ message: "Enter a category, such as Indicator or Course" })
    .transform((category) => category.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(PRODUCT_CATEGORY_MAX, { message: `Use at most ${PRODUCT_CATEGORY_MAX} characters` }))
    .optional(),
);

const currencyField = z.preprocess(
  blankToUndefined,
  z.enum(PRODUCT_CURRENCIES, { message: "Only Indian rupees (INR) for now" }).default("INR"),
);

/** The textarea's lines (or a list of them): each trimmed, blank lines dropped, order kept. */
const featuresField = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return [];
    if (typeof value !== "string" && !Array.isArray(value)) return value;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => (typeof item === "string" ? item.split(/\r?\n/).map((line) => line.trim()) : [item])).filter((line) => line !== "");
  },
  z
    .array(z.string({ message: "Write each feature as text" }), { message: "Write one feature per line" })
    .superRefine((features, ctx) => {
      if (features.length > PRODUCT_FEATURES_MAX) {
        ctx.addIssue({ code: "custom", message: `List at most ${PRODUCT_FEATURES_MAX} features (there are ${features.length})` });
        return;
      }
      const seen = new Set<string>();
      for (const [index, feature] of features.entries()) {
        if (feature.length > PRODUCT_FEATURE_MAX) {
          ctx.addIssue({ code: "custom", message: `Feature ${index + 1} is longer than ${PRODUCT_FEATURE_MAX} characters` });
          return;
        }
        const key = feature.toLowerCase();
        if (seen.has(key)) {
          ctx.addIssue({ code: "custom", message: `“${feature}” is listed twice` });
          return;
        }
        seen.add(key);
      }
    }),
).default([]);

/** A form's "true"/"false" (or a checkbox's "on") as a boolean. */
const booleanField = (message: string) =>
  z.preprocess(
    (value) => (value === "true" || value === "on" ? true : value === "false" || value === "off" ? false : value),
    z.boolean({ message }),
  );

const productFields = {
  name: nameField,
  description: descriptionField,
  price: rupeesAmount({ noun: "price" }),
  currency: currencyField,
  category: categoryField,
  features: featuresField,
};

/** A new product is on offer unless created archived. */
export const createProductSchema = z.object({ ...productFields, active: booleanField("Choose whether agents can offer it").default(true) });
export type CreateProductInput = z.output<typeof createProductSchema>;

/** Archiving and bringing back is its own command (setProductActive), not an edit. */
export const updateProductSchema = z.object({ id: productIdField, ...productFields });
export type UpdateProductInput = z.output<typeof updateProductSchema>;

export const setProductActiveSchema = z.object({ id: productIdField, active: booleanField("Choose archive or bring back") });
export type SetProductActiveInput = z.output<typeof setProductActiveSchema>;

export const productIdSchema = z.object({ id: productIdField });
export type ProductIdInput = z.output<typeof productIdSchema>;

/** Every member lists the products on offer; those who manage the catalog can ask for the archived ones too. */
export const listProductsSchema = z.object({ includeInactive: booleanField("Choose whether to include archived products").default(false) }).default({ includeInactive: false });
export type ListProductsInput = z.output<typeof listProductsSchema>;

/** The features as the edit form's textarea shows them: one per line. */
export function featuresToText(features: readonly string[]): string {
  return features.join("\n");
}
