import { formatDealValue } from "~/domain/deal/deal-value";
import { countOf, formatWholeRupees } from "~/utils/format";

export type Forecast = {
  openCount: number;
  openPaise: string;
  weightedPaise: string;
  wonThisMonthCount: number;
  wonThisMonthPaise: string;
};

/**
 * The pipeline in three numbers: what is open, what it is likely worth, and what was won
 * this month. Sums of deal values are exact; the weighted forecast is an estimate and is
 * shown in whole rupees, rounded half up.
 */
export function ForecastSummary({ forecast }: { forecast: Forecast }) {
  const items = [
    {
      label: "Open pipeline",
      value: formatDealValue(forecast.openPaise),
      note: countOf(forecast.openCount, "open deal"),
    },
    { label: "Weighted forecast", value: formatWholeRupees(forecast.weightedPaise), note: "value × probability, to the nearest rupee" },
    {
      label: "Won this month",
      value: formatDealValue(forecast.wonThisMonthPaise),
      note: countOf(forecast.wonThisMonthCount, "deal"),
    },
  ];
  return (
    <dl className="grid grid-cols-1 gap-2 sm:grid-cols-3 sm:gap-3" aria-label="Forecast">
      {items.map((item) => (
        <div key={item.label} role="group" aria-label={item.label} className="flex flex-wrap items-baseline justify-between gap-x-3 rounded-lg border border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900 sm:block sm:p-4">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{item.label}</dt>
          <dd className="text-lg font-semibold sm:mt-1 sm:text-xl">
            {item.value}
          </dd>
          <dd className="w-full text-xs text-slate-500">{item.note}</dd>
        </div>
      ))}
    </dl>
  );
}
