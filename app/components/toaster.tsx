import { useEffect, useState } from "react";
import type { Toast } from "~/utils/toast";

const STYLES: Record<Toast["type"], string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
};

/** The message left by the last action; without JavaScript it simply stays on the page. */
export function Toaster({ toast }: { toast: Toast | null }) {
  const [visible, setVisible] = useState<Toast | null>(toast);
  // Only a new toast replaces the one on screen: a later revalidation that
  // carries none (a live update, say) must not hide it early.
  useEffect(() => {
    if (!toast) return;
    setVisible(toast);
    const timer = setTimeout(() => setVisible(null), 6_000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!visible) return null;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      <div
        role={visible.type === "error" ? "alert" : "status"}
        className={`pointer-events-auto flex w-fit min-w-0 max-w-full items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg sm:max-w-md ${STYLES[visible.type]}`}
      >
        {/* A long single word (a pasted name, a URL) breaks rather than running off a phone's screen. */}
        <p className="min-w-0 break-words [overflow-wrap:anywhere]">{visible.message}</p>
        <button type="button" onClick={() => setVisible(null)} className="ml-2 shrink-0 font-semibold" aria-label="Dismiss">
          ×
        </button>
      </div>
    </div>
  );
}
