// The colours of a temperature badge. Browser-safe.
import type { Temperature } from "~/domain/contact/contact-filter.schema";

export const TEMPERATURE_CLASSES: Record<Temperature, string> = {
  HOT: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  WARM: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  COLD: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  DEAD: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};
