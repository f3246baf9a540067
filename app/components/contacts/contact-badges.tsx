// Small labels for a contact's stage, temperature, score and tags.
import type { ContactStage, Temperature } from "~/domain/contact/contact-filter.schema";
import { STAGE_LABELS, TEMPERATURE_LABELS } from "~/domain/contact/contact-labels";
import { TagChip as ContactTagChip } from "~/components/contact/tag-chip";

const STAGE_STYLES: Record<ContactStage, string> = {
  NEW: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  ENGAGED: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100",
  INTERESTED: "bg-indigo-100 text-indigo-900 dark:bg-indigo-900/50 dark:text-indigo-100",
  NEGOTIATION: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  CONVERTED: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  CHURNED: "bg-rose-100 text-rose-900 dark:bg-rose-900/50 dark:text-rose-100",
};

const TEMPERATURE_STYLES: Record<Temperature, string> = {
  HOT: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-100",
  WARM: "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-100",
  COLD: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-100",
  DEAD: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};

const PILL = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

export function StageBadge({ stage }: { stage: ContactStage }) {
  return <span className={`${PILL} ${STAGE_STYLES[stage]}`}>{STAGE_LABELS[stage]}</span>;
}

export function TemperatureBadge({ temperature }: { temperature: Temperature }) {
  return <span className={`${PILL} ${TEMPERATURE_STYLES[temperature]}`}>{TEMPERATURE_LABELS[temperature]}</span>;
}

export function ScoreBadge({ score }: { score: number }) {
  const tone = score >= 70 ? "text-emerald-700 dark:text-emerald-300" : score >= 40 ? "text-amber-700 dark:text-amber-300" : "text-slate-600 dark:text-slate-300";
  return (
    <span className={`font-semibold tabular-nums ${tone}`} aria-label={`Score ${score} of 100`}>
      {score}
    </span>
  );
}

export type TagChipData = { name: string; color: string; source?: "MANUAL" | "AI"; confidence?: number | null };

/** A tag in a list row: the same chip as on the contact page. */
export function TagChip({ tag }: { tag: TagChipData }) {
  return <ContactTagChip name={tag.name} color={tag.color} source={tag.source} confidence={tag.confidence ?? null} />;
}
