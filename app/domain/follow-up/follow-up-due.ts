// When a follow-up may be due, and what a person is told otherwise. Browser-safe.

export const FOLLOW_UP_EARLIEST = new Date(Date.UTC(2000, 0, 1));
export const FOLLOW_UP_LATEST = new Date(Date.UTC(2100, 0, 1));
/** A time a few minutes ago is still accepted ("now", a slow form, a clock a little behind); earlier is a mistake. */
export const PAST_GRACE_MS = 5 * 60 * 1000;
export const DUE_MESSAGE = "Choose a date and time, like 2026-11-22 15:30";
export const PAST_MESSAGE = "That time has already passed. Choose a time from now on";
