import { orgProcedure, router } from "~/trpc/trpc.server";
import { createContactSchema } from "~/trpc/routers/contact/create.schema";
import { createContactHandler } from "~/trpc/routers/contact/create.handler";
import { updateContactSchema } from "~/trpc/routers/contact/update.schema";
import { updateContactHandler } from "~/trpc/routers/contact/update.handler";
import { contactIdSchema } from "~/trpc/routers/contact/get.schema";
import { getContactHandler } from "~/trpc/routers/contact/get.handler";
import { timelineSchema } from "~/trpc/routers/contact/timeline.schema";
import { timelineHandler } from "~/trpc/routers/contact/timeline.handler";
import { duplicatesSchema } from "~/trpc/routers/contact/duplicates.schema";
import { duplicatesHandler } from "~/trpc/routers/contact/duplicates.handler";
import { formOptionsHandler } from "~/trpc/routers/contact/form-options.handler";
import { addNoteSchema } from "~/trpc/routers/contact/add-note.schema";
import { addNoteHandler } from "~/trpc/routers/contact/add-note.handler";
import { addTagSchema } from "~/trpc/routers/contact/add-tag.schema";
import { addTagHandler } from "~/trpc/routers/contact/add-tag.handler";
import { removeTagSchema } from "~/trpc/routers/contact/remove-tag.schema";
import { removeTagHandler } from "~/trpc/routers/contact/remove-tag.handler";
import { setConsentSchema } from "~/trpc/routers/contact/set-consent.schema";
import { setConsentHandler } from "~/trpc/routers/contact/set-consent.handler";
import { mergeContactsSchema } from "~/domain/contact/merge.schema";
import { mergeContactsHandler } from "~/trpc/routers/contact/merge.handler";
import { deleteContactHandler } from "~/trpc/routers/contact/delete.handler";

/** One contact: its page, edits, notes, tags, consent, merging and deleting. (The list lives in `contacts`.) */
export const contactRouter = router({
  get: orgProcedure("VIEWER").input(contactIdSchema).query(getContactHandler),
  timeline: orgProcedure("VIEWER").input(timelineSchema).query(timelineHandler),
  duplicates: orgProcedure("VIEWER").input(duplicatesSchema).query(duplicatesHandler),
  formOptions: orgProcedure("VIEWER").query(formOptionsHandler),
  create: orgProcedure("AGENT").input(createContactSchema).mutation(createContactHandler),
  update: orgProcedure("AGENT").input(updateContactSchema).mutation(updateContactHandler),
  addNote: orgProcedure("AGENT").input(addNoteSchema).mutation(addNoteHandler),
  addTag: orgProcedure("AGENT").input(addTagSchema).mutation(addTagHandler),
  removeTag: orgProcedure("AGENT").input(removeTagSchema).mutation(removeTagHandler),
  setConsent: orgProcedure("AGENT").input(setConsentSchema).mutation(setConsentHandler),
  merge: orgProcedure("AGENT").input(mergeContactsSchema).mutation(mergeContactsHandler),
  delete: orgProcedure("AGENT").input(contactIdSchema).mutation(deleteContactHandler),
});
