export { productIdSchema as getProductSchema, type ProductIdInput as GetProductInput } from "~/domain/product/product.schema";
