import { orgProcedure, router } from "~/trpc/trpc.server";
import { getConsentKeywordsHandler } from "~/trpc/routers/opt-out-keyword/get.handler";
import { addConsentKeywordSchema } from "~/trpc/routers/opt-out-keyword/add.schema";
import { addConsentKeywordHandler } from "~/trpc/routers/opt-out-keyword/add.handler";
import { removeConsentKeywordSchema } from "~/trpc/routers/opt-out-keyword/remove.schema";
import { removeConsentKeywordHandler } from "~/trpc/routers/opt-out-keyword/remove.handler";
import { resetConsentKeywordsHandler } from "~/trpc/routers/opt-out-keyword/reset.handler";
import { updateConsentConfirmationsSchema } from "~/trpc/routers/opt-out-keyword/update-confirmations.schema";
import { updateConsentConfirmationsHandler } from "~/trpc/routers/opt-out-keyword/update-confirmations.handler";

// The organization's opt-out and opt-in words and their confirmations: owners and admins.
export const optOutKeywordRouter = router({
  get: orgProcedure("ADMIN").query(getConsentKeywordsHandler),
  add: orgProcedure("ADMIN").input(addConsentKeywordSchema).mutation(addConsentKeywordHandler),
  remove: orgProcedure("ADMIN").input(removeConsentKeywordSchema).mutation(removeConsentKeywordHandler),
  reset: orgProcedure("ADMIN").mutation(resetConsentKeywordsHandler),
  updateConfirmations: orgProcedure("ADMIN").input(updateConsentConfirmationsSchema).mutation(updateConsentConfirmationsHandler),
});
