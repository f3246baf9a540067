// The fixed palette tags are drawn in. Browser-safe; class names are written
// out in full so Tailwind keeps them.
export const TAG_COLORS = ["slate", "red", "amber", "emerald", "teal", "sky", "indigo", "violet", "rose"] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const TAG_COLOR_LABELS: Record<TagColor, string> = {
  slate: "Grey",
  red: "Red",
  amber: "Amber",
  emerald: "Green",
  teal: "Teal",
  sky: "Blue",
  indigo: "Indigo",
  violet: "Violet",
  rose: "Pink",
};

const CLASSES: Record<TagColor, string> = {
  slate: "border-slate-300 bg-slate-100 text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100",
  red: "border-red-300 bg-red-100 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100",
  amber: "border-amber-300 bg-amber-100 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  emerald: "border-emerald-300 bg-emerald-100 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100",
  teal: "border-teal-300 bg-teal-100 text-teal-900 dark:border-teal-700 dark:bg-teal-950 dark:text-teal-100",
  sky: "border-sky-300 bg-sky-100 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
  indigo: "border-indigo-300 bg-indigo-100 text-indigo-900 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100",
  violet: "border-violet-300 bg-violet-100 text-violet-900 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-100",
  rose: "border-rose-300 bg-rose-100 text-rose-900 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100",
};

export function isTagColor(value: string): value is TagColor {
  return (TAG_COLORS as readonly string[]).includes(value);
}

/** Classes for a tag chip; unknown colors (older data) fall back to grey. */
export function tagColorClass(color: string): string {
  return CLASSES[isTagColor(color) ? color : "slate"];
}
