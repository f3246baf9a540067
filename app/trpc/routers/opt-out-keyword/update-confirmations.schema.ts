export { updateConsentConfirmationsSchema, type UpdateConsentConfirmationsInput } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
