export { listProductsSchema, type ListProductsInput } from "~/domain/product/product.schema";
