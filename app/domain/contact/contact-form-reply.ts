import type { SubmissionResult } from "@conform-to/react";
import type { DuplicateContact } from "~/domain/contact/contact-errors";

/** What a contact page action answers when it refuses a form (see services/contact-form-action.server.ts). */
export type ContactFormReply = {
  intent: string;
  /** Which of several forms with the same intent (e.g. the consent form of one channel). */
  formKey: string | null;
  status: number;
  result: SubmissionResult<string[]>;
  duplicate: DuplicateContact | null;
};
