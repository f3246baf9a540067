import type { ReactNode } from "react";
import { tagColorClass } from "~/domain/tag/tag-colors";

/** "AI 92%" beside a suggested tag (never inside it, where it would read as part of the name). */
function SuggestedByAi({ confidence }: { confidence: number | null }) {
  const percent = confidence === null ? null : `${Math.round(confidence * 100)}%`;
  const meaning = `suggested by AI${percent ? `, ${percent} confident` : ""}`;
  return (
    <span className="whitespace-nowrap text-[11px] font-medium text-slate-500 dark:text-slate-400" title={`Tag ${meaning}`} data-testid="tag-ai-mark">
      <span aria-hidden>AI{percent ? ` ${percent}` : ""}</span>
      <span className="sr-only">({meaning})</span>
    </span>
  );
}

/**
 * A tag: a pill holding its name (and `children`, such as a remove button). A tag
 * suggested by AI is dashed, with "AI" and the confidence after the pill.
 * Long names wrap inside the pill rather than widening the page.
 */
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
  const pill = (
    <span
      className={`inline-flex min-w-0 max-w-full items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium ${tagColorClass(color)} ${
        ai ? "border-dashed" : ""
      }`}
      data-tag-source={source}
    >
      <span className="min-w-0 [overflow-wrap:anywhere]">{name}</span>
      {children}
    </span>
  );
  if (!ai) return pill;
  return (
    <span className="inline-flex min-w-0 max-w-full flex-wrap items-center gap-x-1">
      {pill}
      <SuggestedByAi confidence={confidence} />
    </span>
  );
}
