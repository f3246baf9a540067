// Readable sentences for timeline events ("Priya Sharma changed stage from New
// to Interested"). Browser-safe; everything here becomes text, never HTML.
import {
  CONSENT_CHANNEL_LABELS,
  CONSENT_STATUS_LABELS,
  FOLLOW_UP_KIND_LABELS,
  SOURCE_LABELS,
  STAGE_LABELS,
  TEMPERATURE_LABELS,
  labelOf,
} from "~/domain/contact/contact-labels";
import { formatDealValue } from "~/domain/deal/deal-value";
import { CONVERSATION_STATUS_LABELS } from "~/domain/conversation/conversation-status";
import { countOf, formatCalendarDate, formatDateTime, formatPaise } from "~/utils/format";
import { DEFAULT_TIME_ZONE } from "~/utils/clock";
import { formatPhone } from "~/utils/phone";

export type TimelineEvent = {
  id: string;
  type: string;
  createdAt: string | Date;
  actor: { id: string; name: string } | null;
  actorLabel: string | null;
  data: Record<string, unknown>;
};

export type EventDescription = {
  /** One line: who did what. */
  title: string;
  /** Extra lines, e.g. "Name: Priya → Priya S." */
  details: string[];
  /** Free text someone wrote (a note), shown as a block. */
  body?: string;
  /** What the event is about, when it has its own page (a deal). */
  link?: { href: string; label: string };
};

type Ref = { id?: string; name?: string } | null | undefined;

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  phone: "Phone",
  email: "Email",
  ownerId: "Owner",
  companyId: "Company",
  aiSummary: "AI summary",
  interests: "Interests",
};

function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

type MergedField = { field: string; before?: unknown; after: unknown; afterLabel?: string | null };

/** "Email: — → kavya@example.com", "Stage: New → Interested", owner and company by name. */
function mergedFieldLines(filled: unknown): string[] {
  if (!Array.isArray(filled)) return [];
  return (filled as MergedField[]).map((f) => {
    const label = MERGE_FIELD_LABELS[f.field] ?? FIELD_LABELS[f.field] ?? f.field.replace(/^customFields\./, "");
    const show = (value: unknown) =>
      f.field === "stage" ? labelOf(STAGE_LABELS, value) : f.field === "temperature" ? labelOf(TEMPERATURE_LABELS, value) : fieldValue(f.field, value);
    const after = f.afterLabel !== undefined ? text(f.afterLabel) : show(f.after);
    // Owner and company ids mean nothing to a reader; only the new name is shown.
    if (f.field === "ownerId" || f.field === "companyId" || f.before === undefined) return `${label}: ${after}`;
    return `${label}: ${show(f.before)} → ${after}`;
  });
}

function mergedIdentityLines(identities: unknown): string[] {
  if (!Array.isArray(identities) || identities.length === 0) return [];
  const values = (identities as Array<{ kind: string; value: string }>).map((i) => (i.kind === "PHONE" ? formatPhone(i.value) : i.value));
  return [`Also reachable at ${values.join(", ")}`];
}

const MERGE_FIELD_LABELS: Record<string, string> = { stage: "Stage", temperature: "Temperature", score: "Score" };

function fieldValue(field: string, value: unknown): string {
  if (field === "phone" && typeof value === "string" && value) return formatPhone(value);
  return text(value);
}

const DEAL_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  value: "Value",
  probability: "Probability",
  expectedCloseDate: "Expected close",
  company: "Company",
  owner: "Owner",
};

function dealFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "value" && (typeof value === "string" || typeof value === "number")) {
    return /^\d+$/.test(String(value)) ? formatDealValue(String(value)) : text(value);
  }
  if (field === "probability") return `${text(value)}%`;
  if (field === "expectedCloseDate" && typeof value === "string") return formatCalendarDate(value);
  return text(value);
}

/** "the deal Lifetime All-Access" (its title when the event happened). */
function dealName(data: Record<string, unknown>): string {
  return data.title ? `the deal ${text(data.title)}` : "a deal";
}

/** "₹24,999 · Proposal · 50%", from what the event knew of the deal. */
function dealSummary(data: Record<string, unknown>): string {
  const parts = [
    typeof data.valuePaise === "string" && /^\d+$/.test(data.valuePaise) ? formatDealValue(data.valuePaise) : null,
    data.stage ? text(data.stage) : null,
    typeof data.probability === "number" ? `${data.probability}%` : null,
  ];
  return parts.filter((part): part is string => part !== null).join(" · ");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dealLink(data: Record<string, unknown>): EventDescription["link"] {
  return typeof data.dealId === "string" && UUID.test(data.dealId) ? { href: `/deals/${data.dealId}`, label: "Open deal" } : undefined;
}

function refName(value: Ref): string {
  return value?.name ?? "—";
}

function capitalize(line: string): string {
  return line.charAt(0).toUpperCase() + line.slice(1);
}

function humanize(type: string): string {
  const words = type.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actorName(event: Pick<TimelineEvent, "actor" | "actorLabel">): string {
  return event.actor?.name ?? event.actorLabel ?? "Leadlane";
}

function change(kind: string, labels: Record<string, string>, data: Record<string, unknown>) {
  return `${kind} from ${labelOf(labels, data.before)} to ${labelOf(labels, data.after)}`;
}

/** `timeZone`: the organization's, in which times inside the text (a follow-up's due time) are shown. */
export function describeEvent(event: TimelineEvent, timeZone: string = DEFAULT_TIME_ZONE): EventDescription {
  const who = actorName(event);
  const data = event.data ?? {};
  const details: string[] = [];
  const mergedFrom = data.mergedFrom as Ref;
  if (mergedFrom?.name) details.push(`From ${mergedFrom.name}, merged into this contact`);
  const done = (title: string, extra: string[] = [], body?: string): EventDescription => ({
    title,
    details: [...extra, ...details],
    body,
  });

  switch (event.type) {
    case "CREATED": {
      const source = data.source ? ` (source: ${labelOf(SOURCE_LABELS, data.source)})` : "";
      return done(`${who} created this contact${source}`);
    }
    case "UPDATED": {
      const changes = Array.isArray(data.changes) ? (data.changes as Array<{ field: string; before: unknown; after: unknown }>) : [];
      return done(
        `${who} edited ${changes.map((c) => (FIELD_LABELS[c.field] ?? c.field).toLowerCase()).join(", ") || "details"}`,
        changes.map((c) => `${FIELD_LABELS[c.field] ?? c.field}: ${fieldValue(c.field, c.before)} → ${fieldValue(c.field, c.after)}`),
      );
    }
    case "STAGE_CHANGED":
      return done(`${who} changed ${change("stage", STAGE_LABELS, data)}`);
    case "TEMPERATURE_CHANGED":
      return done(`${who} changed ${change("temperature", TEMPERATURE_LABELS, data)}`);
    case "SCORE_CHANGED":
      return done(`${who} changed score from ${text(data.before)} to ${text(data.after)}`);
    case "OWNER_CHANGED": {
      const after = data.after as Ref;
      const before = data.before as Ref;
      if (!after) return done(`${who} unassigned this contact (was ${refName(before)})`);
      if (!before) return done(`${who} assigned this contact to ${refName(after)}`);
      return done(`${who} changed owner from ${refName(before)} to ${refName(after)}`);
    }
    case "COMPANY_CHANGED":
      return done(`${who} changed company from ${refName(data.before as Ref)} to ${refName(data.after as Ref)}`);
    case "CUSTOM_FIELD_CHANGED":
      return done(`${who} changed ${text(data.label ?? data.key)} from ${text(data.before)} to ${text(data.after)}`);
    case "TAG_ADDED": {
      const ai = data.source === "AI";
      const confidence = typeof data.confidence === "number" ? ` ${Math.round(data.confidence * 100)}% confident` : "";
      const extra = data.confirmedAiTag ? ["Confirmed a tag the AI had suggested"] : [];
      return done(`Tag ${text(data.tagName)} added by ${who}${ai ? ` (AI${confidence})` : ""}`, extra);
    }
    case "TAG_REMOVED":
      return done(`Tag ${text(data.tagName)} removed by ${who}`, data.reason ? [String(data.reason)] : []);
    case "NOTE_ADDED":
      return done(`${who} added a note`, [], typeof data.body === "string" ? data.body : undefined);
    case "FOLLOW_UP_SCHEDULED": {
      const kind = labelOf(FOLLOW_UP_KIND_LABELS, data.kind).toLowerCase();
      const due = typeof data.dueAt === "string" ? formatDateTime(data.dueAt, timeZone) : "—";
      const assignee = (data.assignee as Ref)?.name;
      return done(
        `${who} scheduled a ${kind} for ${due}${assignee ? `, assigned to ${assignee}` : ""}`,
        [],
        typeof data.note === "string" && data.note ? data.note : undefined,
      );
    }
    case "FOLLOW_UP_DONE": {
      const kind = labelOf(FOLLOW_UP_KIND_LABELS, data.kind).toLowerCase();
      const due = typeof data.dueAt === "string" ? ` (due ${formatDateTime(data.dueAt, timeZone)})` : "";
      return done(`${who} marked a ${kind} done${due}`);
    }
    case "FOLLOW_UP_CANCELLED": {
      const kind = labelOf(FOLLOW_UP_KIND_LABELS, data.kind).toLowerCase();
      const due = typeof data.dueAt === "string" ? ` (due ${formatDateTime(data.dueAt, timeZone)})` : "";
      return done(`${who} cancelled a ${kind}${due}`);
    }
    case "CONSENT_CHANGED": {
      const channel = labelOf(CONSENT_CHANNEL_LABELS, data.channel);
      const was = data.before ? ` (was ${labelOf(CONSENT_STATUS_LABELS, data.before)})` : "";
      const extra = [data.reason ? `Reason: ${text(data.reason)}` : null, data.source ? `How: ${text(data.source)}` : null];
      return done(
        `${who} set ${channel} consent to ${labelOf(CONSENT_STATUS_LABELS, data.after).toLowerCase()}${was}`,
        extra.filter((line): line is string => line !== null),
      );
    }
    case "MERGED": {
      const duplicate = (data.duplicate ?? {}) as { name?: string; phone?: string; email?: string | null };
      const moved = (data.moved ?? {}) as Record<string, number>;
      const parts = (
        [
          ["events", "timeline event"],
          ["notes", "note"],
          ["followUps", "follow-up"],
          ["deals", "deal"],
          ["submissions", "form submission"],
          ["tags", "tag"],
        ] as const
      )
        .filter(([key]) => (moved[key] ?? 0) > 0)
        .map(([key, noun]) => countOf(moved[key]!, noun));
      const phone = duplicate.phone ? ` (${formatPhone(duplicate.phone)})` : "";
      return done(`${who} merged ${text(duplicate.name)}${phone} into this contact`, [
        ...(parts.length ? [`Moved ${parts.join(", ")}`] : []),
        ...mergedFieldLines(data.filled),
        ...mergedIdentityLines(data.identities),
      ]);
    }
    case "IMPORTED":
      return done(`Imported by ${who}`);
    case "EMAIL_CLEARED_DUPLICATE":
      return done(`Email ${text(data.email)} removed: ${refName(data.keptBy as Ref)} has it`, [
        "An email belongs to one contact; the contact added first kept it",
      ]);
    case "MEMBER_REMOVED": {
      const member = refName(data.member as Ref);
      const to = data.to as Ref;
      const held = [
        data.owner ? "this contact" : null,
        Number(data.deals) > 0 ? countOf(Number(data.deals), "deal") : null,
        Number(data.followUps) > 0 ? countOf(Number(data.followUps), "pending follow-up") : null,
      ].filter((part): part is string => part !== null);
      const what = held.length ? held.join(", ") : "their work";
      return done(`${who} removed ${member} from the team`, [to?.name ? `${what} went to ${to.name}` : `${what} left unassigned`].map(capitalize));
    }
    case "MESSAGE_RECEIVED": {
      const channel = labelOf(CONSENT_CHANNEL_LABELS, data.channel);
      const subject = typeof data.subject === "string" && data.subject ? [`Subject: ${data.subject}`] : [];
      return done(`The contact wrote on ${channel}`, subject, typeof data.preview === "string" && data.preview ? data.preview : undefined);
    }
    case "MESSAGE_SENT": {
      const channel = labelOf(CONSENT_CHANNEL_LABELS, data.channel);
      const preview = typeof data.preview === "string" && data.preview ? data.preview : undefined;
      if (data.kind === "NOTE") return done(`${who} wrote an internal note in the ${channel} conversation`, ["Not sent to the contact"], preview);
      if (data.kind === "TEMPLATE") return done(`${who} sent the ${channel} template ${text(data.templateName)}`, [], preview);
      return done(`${who} sent a ${channel} message`, [], preview);
    }
    case "CONVERSATION_STATUS_CHANGED": {
      const channel = labelOf(CONSENT_CHANNEL_LABELS, data.channel);
      const after = labelOf(CONVERSATION_STATUS_LABELS, data.after).toLowerCase();
      const until = data.after === "SNOOZED" && typeof data.snoozedUntil === "string" ? ` until ${formatDateTime(data.snoozedUntil, timeZone)}` : "";
      return done(`${who} marked the ${channel} conversation ${after}${until}`, data.before ? [`Was ${labelOf(CONVERSATION_STATUS_LABELS, data.before).toLowerCase()}`] : []);
    }
    case "CONVERSATION_ASSIGNED": {
      const channel = labelOf(CONSENT_CHANNEL_LABELS, data.channel);
      const after = data.after as Ref;
      const before = data.before as Ref;
      if (!after) return done(`${who} unassigned the ${channel} conversation (was ${refName(before)})`);
      if (!before) return done(`${who} assigned the ${channel} conversation to ${refName(after)}`);
      return done(`${who} moved the ${channel} conversation from ${refName(before)} to ${refName(after)}`);
    }
    case "FORM_SUBMITTED":
      // What the lead wrote, shown like a note (long ones collapse).
      return done(
        `Submitted ${data.formName ? `the web form ${text(data.formName)}` : "a web form"}`,
        [],
        typeof data.message === "string" && data.message ? data.message : undefined,
      );
    case "DEAL_CREATED":
    case "DEAL_UPDATED":
    case "DEAL_STAGE_CHANGED":
    case "DEAL_WON":
    case "DEAL_LOST":
    case "DEAL_LINKED":
    case "DEAL_UNLINKED":
    case "DEAL_DELETED":
      return describeDealEvent(event.type, who, data, done);
    case "PAYMENT_LINK_CREATED":
      return done(`${who} created a payment link for ${amountOf(data)}`, [], typeof data.description === "string" ? data.description : undefined);
    case "PAYMENT_LINK_OPENED":
      return done(`The contact opened the payment link for ${amountOf(data)}`);
    case "PAYMENT_LINK_EXPIRED":
      return done(`The payment link for ${amountOf(data)} expired unpaid`);
    case "PAYMENT_LINK_CANCELLED":
      return done(`${who} cancelled the payment link for ${amountOf(data)}`);
    case "PAYMENT_RECEIVED":
      return done(`Paid ${amountOf(data)}${typeof data.method === "string" && data.method ? ` by ${data.method.toUpperCase()}` : ""}`, [`Razorpay payment ${text(data.providerPaymentId)}`]);
    case "PAYMENT_FAILED":
      return done(`A payment of ${amountOf(data)} failed`, typeof data.reason === "string" && data.reason ? [data.reason] : []);
    case "PAYMENT_FLAGGED":
      return done(`A payment of ${amountOf(data)} was flagged for review`, typeof data.reason === "string" && data.reason ? [data.reason] : []);
    case "PAYMENT_REFUNDED":
      return done(`Refunded ${amountOf(data)}`, [`Razorpay refund ${text(data.refundId)}`]);
    default:
      return done(`${humanize(event.type)} · ${who}`);
  }
}

type Done = (title: string, extra?: string[], body?: string) => EventDescription;

/** A payment event's amount (paise as a decimal string) in rupees. */
function amountOf(data: Record<string, unknown>): string {
  const paise = data.amountPaise;
  return typeof paise === "string" && /^\d+$/.test(paise) ? formatPaise(BigInt(paise), { alwaysPaise: true }) : "an amount";
}

function describeDealEvent(type: string, who: string, data: Record<string, unknown>, done: Done): EventDescription {
  const deal = dealName(data);
  const summary = dealSummary(data);
  const withLink = (description: EventDescription): EventDescription => ({ ...description, link: dealLink(data) });
  const probability = (data.probability ?? null) as { before?: unknown; after?: unknown } | null;
  const probabilityLine =
    probability && typeof probability === "object" && probability.before !== probability.after
      ? [`Probability: ${dealFieldValue("probability", probability.before)} → ${dealFieldValue("probability", probability.after)}`]
      : [];
  const stages = `${text(data.before)} → ${text(data.after)}`;
  switch (type) {
    case "DEAL_CREATED":
      return withLink(done(`${who} created ${deal}`, summary ? [summary] : []));
    case "DEAL_UPDATED": {
      const changes = Array.isArray(data.changes) ? (data.changes as Array<{ field: string; before: unknown; after: unknown }>) : [];
      const fields = changes.map((c) => (DEAL_FIELD_LABELS[c.field] ?? c.field).toLowerCase()).join(", ") || "details";
      return withLink(
        done(`${who} edited ${deal}: ${fields}`, [
          ...changes.map(
            (c) => `${DEAL_FIELD_LABELS[c.field] ?? c.field}: ${dealFieldValue(c.field, c.before)} → ${dealFieldValue(c.field, c.after)}`,
          ),
          ...(data.reason ? [text(data.reason)] : []),
        ]),
      );
    }
    case "DEAL_STAGE_CHANGED":
      return withLink(
        data.reopened
          ? done(`${who} reopened ${deal} in ${text(data.after)}`, [`Stage: ${stages}`, ...probabilityLine])
          : done(`${who} moved ${deal} from ${text(data.before)} to ${text(data.after)}`, probabilityLine),
      );
    case "DEAL_WON": {
      const value = typeof data.valuePaise === "string" && /^\d+$/.test(data.valuePaise) ? ` (${formatDealValue(data.valuePaise)})` : "";
      return withLink(done(`${who} marked ${deal} won${value}`, [`Stage: ${stages}`]));
    }
    case "DEAL_LOST":
      return withLink(done(`${who} marked ${deal} lost`, [`Stage: ${stages}`]));
    case "DEAL_LINKED": {
      const from = (data.from as Ref)?.name;
      const to = (data.contact as Ref)?.name;
      return withLink(
        done(`${who} linked ${deal} to ${to ?? "this contact"}`, [
          ...(summary ? [summary] : []),
          ...(from ? [`Moved from ${from}`] : []),
        ]),
      );
    }
    case "DEAL_UNLINKED": {
      const from = (data.contact as Ref)?.name;
      const to = (data.to as Ref)?.name;
      return withLink(done(`${who} unlinked ${deal} from ${from ?? "this contact"}`, to ? [`Now linked to ${to}`] : []));
    }
    case "DEAL_DELETED":
      return done(`${who} deleted ${deal}`, summary ? [`Was ${summary}`] : []);
    default:
      return done(`${type} · ${who}`);
  }
}
