export { createProductSchema, type CreateProductInput } from "~/domain/product/product.schema";
