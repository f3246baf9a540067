// "Newest" and "Older" links under a list paged by a cursor: plain links, so they work without
// JavaScript. A link is left out when there is nowhere to go.
import { Link } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";

export function KeysetPager({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label="Pages" className="flex justify-between gap-2">
      {newestHref ? (
        <Link to={newestHref} className={buttonClass("ghost")}>
          Newest
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link to={olderHref} className={buttonClass("secondary")}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
