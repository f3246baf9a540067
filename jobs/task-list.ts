// Every background task, by name. One file per task in jobs/tasks/.
import type { TaskList } from "graphile-worker";
import type { TaskName } from "~/services/job-payloads";
import invitationSend from "./tasks/invitation_send";
import signupEmailSend from "./tasks/signup_email_send";
import sessionsPurge from "./tasks/sessions_purge";
import contactsBulkApply from "./tasks/contacts_bulk_apply";
import contactsImport from "./tasks/contacts_import";
import messagesReceive from "./tasks/messages_receive";
import messagesStatus from "./tasks/messages_status";
import messagesSend from "./tasks/messages_send";
import messagesSandboxStatus from "./tasks/messages_sandbox_status";
import messagesReceiveEmail from "./tasks/messages_receive_email";
import conversationsUnsnooze from "./tasks/conversations_unsnooze";
import paymentsApplyEvents from "./tasks/payments_apply_events";
import paymentsMatchOrder from "./tasks/payments_match_order";
import paymentLinksCreate from "./tasks/payment_links_create";
import paymentsCompactTotals from "./tasks/payments_compact_totals";

export const taskList: Record<TaskName, TaskList[string]> = {
  invitation_send: invitationSend,
  signup_email_send: signupEmailSend,
  sessions_purge: sessionsPurge,
  contacts_bulk_apply: contactsBulkApply,
  contacts_import: contactsImport,
  messages_receive: messagesReceive,
  messages_status: messagesStatus,
  messages_send: messagesSend,
  messages_sandbox_status: messagesSandboxStatus,
  messages_receive_email: messagesReceiveEmail,
  conversations_unsnooze: conversationsUnsnooze,
  payments_apply_events: paymentsApplyEvents,
  payments_match_order: paymentsMatchOrder,
  payment_links_create: paymentLinksCreate,
  payments_compact_totals: paymentsCompactTotals,
};
