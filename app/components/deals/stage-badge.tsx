const KIND_STYLES: Record<string, string> = {
  OPEN: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  WON: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  LOST: "bg-rose-100 text-rose-800 dark:bg-rose-900/50 dark:text-rose-200",
};

/** A deal stage's name, coloured by whether it is open, won or lost. */
export function StageBadge({ kind, name }: { kind: string; name: string }) {
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLES[kind] ?? KIND_STYLES.OPEN}`}>{name}</span>
  );
}
