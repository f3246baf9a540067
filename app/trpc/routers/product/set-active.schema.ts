export { setProductActiveSchema, type SetProductActiveInput } from "~/domain/product/product.schema";
