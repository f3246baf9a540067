export { removeConsentKeywordSchema, type RemoveConsentKeywordInput } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
