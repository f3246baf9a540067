import { useNavigation } from "@remix-run/react";

/** A thin bar along the top while a page loads or a form submits. */
export function GlobalPendingBar() {
  const navigation = useNavigation();
  if (navigation.state === "idle") return null;
  return (
    <div role="progressbar" aria-label="Loading" className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-brand-100 dark:bg-brand-900">
      <div className="progress-bar h-full w-1/4 bg-brand-600" />
    </div>
  );
}
