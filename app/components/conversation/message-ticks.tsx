// Delivery ticks: queued (a clock), sent ✓, delivered ✓✓, read (blue ✓✓), failed ✗. Each has a label
// for screen readers and tests; the symbol is decoration.
const TICKS: Record<string, { symbol: string; label: string; className: string }> = {
  QUEUED: { symbol: "🕓", label: "Queued", className: "text-slate-400" },
  SENDING: { symbol: "🕓", label: "Sending", className: "text-slate-400" },
  SENT: { symbol: "✓", label: "Sent", className: "text-slate-500" },
  DELIVERED: { symbol: "✓✓", label: "Delivered", className: "text-slate-500" },
  READ: { symbol: "✓✓", label: "Read", className: "text-sky-600 dark:text-sky-400" },
  FAILED: { symbol: "✗", label: "Failed", className: "text-red-600 dark:text-red-400" },
  UNDELIVERED: { symbol: "✗", label: "Not delivered", className: "text-red-600 dark:text-red-400" },
};

export function MessageTicks({ status }: { status: string }) {
  const tick = TICKS[status];
  if (!tick) return null;
  return (
    <span role="img" aria-label={tick.label} title={tick.label} data-status={status} className={`font-semibold ${tick.className}`}>
      {tick.symbol}
    </span>
  );
}
