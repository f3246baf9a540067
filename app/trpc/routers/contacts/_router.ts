import { orgProcedure, router } from "~/trpc/trpc.server";
import { contactListSchema } from "~/domain/contact/contact-filter.schema";
import { countContactsSchema } from "~/trpc/routers/contacts/count.schema";
import { boardSchema } from "~/trpc/routers/contacts/board.schema";
import { changeStageSchema } from "~/trpc/routers/contacts/change-stage.schema";
import { listContactsHandler } from "~/trpc/routers/contacts/list.handler";
import { countContactsHandler } from "~/trpc/routers/contacts/count.handler";
import { boardHandler } from "~/trpc/routers/contacts/board.handler";
import { changeStageHandler } from "~/trpc/routers/contacts/change-stage.handler";
import { listContactFilterOptions } from "~/models/contact-list.server";

export const contactsRouter = router({
  list: orgProcedure("VIEWER").input(contactListSchema).query(listContactsHandler),
  count: orgProcedure("VIEWER").input(countContactsSchema).query(countContactsHandler),
  /** Tags, members, companies and custom fields the filter bar and the bulk bar offer. */
  filterOptions: orgProcedure("VIEWER").query(({ ctx }) => listContactFilterOptions(ctx.db, { organizationId: ctx.org.id })),
  board: orgProcedure("VIEWER").input(boardSchema).query(boardHandler),
  changeStage: orgProcedure("VIEWER").input(changeStageSchema).mutation(changeStageHandler),
});
