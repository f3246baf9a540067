// Small labels for a contact's stage, temperature, score and tags.
import type { ContactStage, Temperature } from "~/trpc/routers/contacts/contact-filter.schema";
import { STAGE_LABELS, TEMPERATURE_LABELS } from "~/trpc/routers/contacts/contact-labels";

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

// Tag colors are stored by name; Tailwind needs the full class names written out.
const TAG_STYLES: Record<string, string> = {
  slate: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  stone: "bg-stone-100 text-stone-800 dark:bg-stone-800 dark:text-stone-100",
  red: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-100",
  orange: "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-100",
  amber: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  yellow: "bg-yellow-100 text-yellow-900 dark:bg-yellow-900/50 dark:text-yellow-100",
  lime: "bg-lime-100 text-lime-900 dark:bg-lime-900/50 dark:text-lime-100",
  emerald: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  teal: "bg-teal-100 text-teal-900 dark:bg-teal-900/50 dark:text-teal-100",
  cyan: "bg-cyan-100 text-cyan-900 dark:bg-cyan-900/50 dark:text-cyan-100",
  sky: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100",
  blue: "bg-blue-100 text-blue-900 dark:bg-blue-900/50 dark:text-blue-100",
  indigo: "bg-indigo-100 text-indigo-900 dark:bg-indigo-900/50 dark:text-indigo-100",
  violet: "bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100",
  fuchsia: "bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-900/50 dark:text-fuchsia-100",
  pink: "bg-pink-100 text-pink-900 dark:bg-pink-900/50 dark:text-pink-100",
  rose: "bg-rose-100 text-rose-900 dark:bg-rose-900/50 dark:text-rose-100",
};

export function tagColorClass(color: string): string {
  return TAG_STYLES[color] ?? TAG_STYLES.slate!;
}

export type TagChipData = { name: string; color: string; source?: "MANUAL" | "AI"; confidence?: number | null };

/** A tag; one suggested by AI says so, with its confidence. */
export function TagChip({ tag }: { tag: TagChipData }) {
  const ai = tag.source === "AI";
  const confidence = ai && tag.confidence != null ? `${Math.round(tag.confidence * 100)}%` : null;
  return (
    <span
      className={`${PILL} max-w-full gap-1 ${tagColorClass(tag.color)}`}
      title={ai ? `Suggested by AI${confidence ? `, ${confidence} confident` : ""}` : undefined}
    >
      <span className="truncate">{tag.name}</span>
      {ai ? (
        <span className="rounded bg-white/60 px-1 text-[10px] font-semibold uppercase dark:bg-black/30">
          AI{confidence ? ` ${confidence}` : ""}
        </span>
      ) : null}
    </span>
  );
}
