import { useEffect, useState } from "react";
import type { Toast } from "~/utils/toast";

const STYLES: Record<Toast["type"], string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
};

/**
 * The message left by the last action. With JavaScript it floats at the bottom and goes after six
 * seconds (or on ×). Without, nothing could dismiss it, so it sits in the page's flow at the top
 * instead of floating over the content (on a phone it covered the buttons at the bottom); the
 * switch is the `data-hydrated` mark the root sets on <html> once the page has hydrated.
 */
export function Toaster({ toast }: { toast: Toast | null }) {
  const [visible, setVisible] = useState<Toast | null>(toast);
  // Only a new toast replaces the one on screen: a later revalidation that carries none (a live
  // update, the catch-up when the stream opens) must not hide it early, nor keep it for good.
  useEffect(() => {
    if (toast) setVisible(toast);
  }, [toast]);
  // The six seconds run from when a toast appears, whatever the loader says meanwhile.
  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(() => setVisible(null), 6_000);
    return () => clearTimeout(timer);
  }, [visible]);
  if (!visible) return null;
  return (
    <div className="pointer-events-none flex justify-center px-4 pt-3 [[data-hydrated]_&]:fixed [[data-hydrated]_&]:inset-x-0 [[data-hydrated]_&]:bottom-4 [[data-hydrated]_&]:z-50 [[data-hydrated]_&]:pt-0">
      <div
        role={visible.type === "error" ? "alert" : "status"}
        className={`pointer-events-auto flex w-fit min-w-0 max-w-full items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg sm:max-w-md ${STYLES[visible.type]}`}
      >
        {/* A long single word (a pasted name, a URL) breaks rather than running off a phone's screen. */}
        <p className="min-w-0 break-words [overflow-wrap:anywhere]">{visible.message}</p>
        <button type="button" onClick={() => setVisible(null)} className="ml-2 hidden shrink-0 font-semibold [[data-hydrated]_&]:inline" aria-label="Dismiss">
          ×
        </button>
      </div>
    </div>
  );
}
