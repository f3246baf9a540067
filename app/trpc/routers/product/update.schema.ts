export { updateProductSchema, type UpdateProductInput } from "~/domain/product/product.schema";
