import { orgProcedure, router } from "~/trpc/trpc.server";
import { createWebFormSchema, setAfterSubmitSchema, setWebFormEnabledSchema, webFormIdSchema } from "~/trpc/routers/web-form/create.schema";
import {
  createWebFormHandler,
  listWebFormsHandler,
  regenerateWebFormKeyHandler,
  setAfterSubmitHandler,
  setWebFormEnabledHandler,
} from "~/trpc/routers/web-form/web-form.handler";
import { setAllowedOriginsSchema } from "~/trpc/routers/web-form/set-allowed-origins.schema";
import { setAllowedOriginsHandler } from "~/trpc/routers/web-form/set-allowed-origins.handler";

// Website forms are organization settings: admins and owners only.
export const webFormRouter = router({
  list: orgProcedure("ADMIN").query(listWebFormsHandler),
  create: orgProcedure("ADMIN").input(createWebFormSchema).mutation(createWebFormHandler),
  setEnabled: orgProcedure("ADMIN").input(setWebFormEnabledSchema).mutation(setWebFormEnabledHandler),
  regenerateKey: orgProcedure("ADMIN").input(webFormIdSchema).mutation(regenerateWebFormKeyHandler),
  setAfterSubmit: orgProcedure("ADMIN").input(setAfterSubmitSchema).mutation(setAfterSubmitHandler),
  setAllowedOrigins: orgProcedure("ADMIN").input(setAllowedOriginsSchema).mutation(setAllowedOriginsHandler),
});
