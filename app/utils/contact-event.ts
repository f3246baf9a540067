// What can appear on a contact's timeline. Browser-safe: the timeline renders these.
// Later features add message, payment, workflow and AI events.
export const CONTACT_EVENT_TYPES = [
  "CREATED",
  "UPDATED",
  "STAGE_CHANGED",
  "TEMPERATURE_CHANGED",
  "SCORE_CHANGED",
  "OWNER_CHANGED",
  "TAG_ADDED",
  "TAG_REMOVED",
  "NOTE_ADDED",
  "FOLLOW_UP_SCHEDULED",
  "FOLLOW_UP_DONE",
  "FOLLOW_UP_CANCELLED",
  "CONSENT_CHANGED",
  "CUSTOM_FIELD_CHANGED",
  "COMPANY_CHANGED",
  "MERGED",
  "IMPORTED",
  "FORM_SUBMITTED",
  "DEAL_CREATED",
  "DEAL_UPDATED",
  "DEAL_STAGE_CHANGED",
  "DEAL_WON",
  "DEAL_LOST",
  "DEAL_LINKED",
  "DEAL_UNLINKED",
  "DEAL_DELETED",
  /** A member who owned the contact, its deals or its follow-ups left; data says who got them (or nobody). */
  "MEMBER_REMOVED",
  /** An email this contact shared with an older contact was cleared (migration contact_phone_or_email); data: email, keptBy. */
  "EMAIL_CLEARED_DUPLICATE",
  /** The customer wrote: data channel (kind), channelId, conversationId, messageId, preview (and an email's subject). */
  "MESSAGE_RECEIVED",
  /** A message (or an internal note) written in a conversation; data: messageId, conversationId, channel, kind, preview, templateName. */
  "MESSAGE_SENT",
  /** A member changed a conversation's status; data: conversationId, channel, before, after, snoozedUntil (ISO, when snoozed). */
  "CONVERSATION_STATUS_CHANGED",
  /** A conversation was given to a member or taken from one; data: conversationId, channel, channelId, before, after ({ id, name } or null). */
  "CONVERSATION_ASSIGNED",
  /** A payment link was made for the contact; data: paymentLinkId, amountPaise (a decimal string), description, productId. */
  "PAYMENT_LINK_CREATED",
  /** The customer opened a payment link for the first time; data: paymentLinkId. */
  "PAYMENT_LINK_OPENED",
  /** A payment link ran out or was cancelled; data: paymentLinkId, amountPaise. */
  "PAYMENT_LINK_EXPIRED",
  "PAYMENT_LINK_CANCELLED",
  /** A payment was captured and counted; data: paymentId, paymentLinkId or paymentOrderId, providerPaymentId, amountPaise, method. */
  "PAYMENT_RECEIVED",
  /** A payment attempt failed; data as PAYMENT_RECEIVED with the reason. */
  "PAYMENT_FAILED",
  /** A payment's amount or currency did not match its link or order: not counted; data with the reason. */
  "PAYMENT_FLAGGED",
  /** A refund was processed; data: paymentId, refundId, amountPaise. */
  "PAYMENT_REFUNDED",
] as const;

export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

/** For UPDATED events: one entry per changed field. */
export type FieldChange = { field: string; before: unknown; after: unknown };

/**
 * The deal fields a DEAL_UPDATED event lists, with display-ready values: `value`
 * in paise as a decimal string, `expectedCloseDate` as "YYYY-MM-DD", `probability`
 * as a number, `company` and `owner` as names.
 */
export const DEAL_CHANGE_FIELDS = ["title", "value", "probability", "expectedCloseDate", "company", "owner"] as const;
export type DealChangeField = (typeof DEAL_CHANGE_FIELDS)[number];
