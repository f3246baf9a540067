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
] as const;

export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

/** For UPDATED events: one entry per changed field. */
export type FieldChange = { field: string; before: unknown; after: unknown };
