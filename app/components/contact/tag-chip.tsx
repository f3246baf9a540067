import type { ReactNode } from "react";
import { tagColorClass } from "~/trpc/routers/tag/tag-colors";

/** A tag. AI tags are dashed and say "AI" with their confidence; manual tags are solid. */
export function TagChip({
  name,
  color,
  source = "MANUAL",
  confidence = null,
  children,
}: {
  name: string;
  color: string;
  source?: "MANUAL" | "AI";
  confidence?: number | null;
  children?: ReactNode;
}) {
  const ai = source === "AI";
  return (
    <span
      className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium ${tagColorClass(color)} ${
        ai ? "border-dashed" : ""
      }`}
      data-tag-source={source}
    >
      {ai ? (
        <span className="rounded bg-white/70 px-1 text-[10px] font-bold uppercase tracking-wide text-slate-700 dark:bg-black/30 dark:text-slate-100">
          AI
        </span>
      ) : null}
      <span className="truncate">{name}</span>
      {ai && confidence !== null ? <span className="opacity-80">{Math.round(confidence * 100)}%</span> : null}
      {children}
    </span>
  );
}
