export { inboxFilterSchema as listInboxSchema, type InboxFilter as ListInboxInput } from "~/domain/conversation/inbox-filter";
