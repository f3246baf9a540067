export { addConsentKeywordSchema, type AddConsentKeywordInput } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
