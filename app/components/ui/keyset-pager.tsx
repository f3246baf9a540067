// "Newest", "Newer" and "Older" links under a list paged by a cursor: plain links, so they work without
// JavaScript. A link is left out when there is nowhere to go ("Newer" only where a list offers it).
import { Link } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";

export function KeysetPager({ newestHref, newerHref = null, olderHref }: { newestHref: string | null; newerHref?: string | null; olderHref: string | null }) {
  if (!newestHref && !newerHref && !olderHref) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap justify-between gap-2">
      <span className="flex flex-wrap gap-2">
        {newestHref ? (
          <Link to={newestHref} className={buttonClass("ghost")}>
            Newest
          </Link>
        ) : null}
        {newerHref ? (
          <Link to={newerHref} className={buttonClass("secondary")}>
            Newer
          </Link>
        ) : null}
      </span>
      {olderHref ? (
        <Link to={olderHref} className={buttonClass("secondary")}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
