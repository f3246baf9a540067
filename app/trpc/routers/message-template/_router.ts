import { orgProcedure, router } from "~/trpc/trpc.server";
import { listMessageTemplatesSchema } from "~/trpc/routers/message-template/list.schema";
import { listMessageTemplatesHandler } from "~/trpc/routers/message-template/list.handler";
import { getMessageTemplateSchema } from "~/trpc/routers/message-template/get.schema";
import { getMessageTemplateHandler } from "~/trpc/routers/message-template/get.handler";
import { createMessageTemplateSchema } from "~/trpc/routers/message-template/create.schema";
import { createMessageTemplateHandler } from "~/trpc/routers/message-template/create.handler";
import { updateMessageTemplateSchema } from "~/trpc/routers/message-template/update.schema";
import { updateMessageTemplateHandler } from "~/trpc/routers/message-template/update.handler";
import { deleteMessageTemplateSchema } from "~/trpc/routers/message-template/delete.schema";
import { deleteMessageTemplateHandler } from "~/trpc/routers/message-template/delete.handler";

// Every member reads templates (the chat sends them); owners and admins create, edit and delete them.
export const messageTemplateRouter = router({
  list: orgProcedure("VIEWER").input(listMessageTemplatesSchema).query(listMessageTemplatesHandler),
  get: orgProcedure("VIEWER").input(getMessageTemplateSchema).query(getMessageTemplateHandler),
  create: orgProcedure("ADMIN").input(createMessageTemplateSchema).mutation(createMessageTemplateHandler),
  update: orgProcedure("ADMIN").input(updateMessageTemplateSchema).mutation(updateMessageTemplateHandler),
  delete: orgProcedure("ADMIN").input(deleteMessageTemplateSchema).mutation(deleteMessageTemplateHandler),
});
