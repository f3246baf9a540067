// Long free text (a note, a message) shown as its first few lines with "Show
// more". A <details> element does the toggling, so it works without
// JavaScript; the whole text is always in the page (only clipped on screen),
// so search in the page and screen readers still get all of it.
const LONG_CHARS = 400;
const LONG_LINES = 5;

export function isLongText(text: string): boolean {
  return text.length > LONG_CHARS || text.split("\n").length > LONG_LINES;
}

export function CollapsibleText({ text, className = "" }: { text: string; className?: string }) {
  if (!isLongText(text)) return <p className={`whitespace-pre-wrap break-words ${className}`}>{text}</p>;
  // The toggle comes first in the document (so `peer-open:` can unclip the text)
  // and is shown after the text by flex-col-reverse.
  return (
    <div className={`flex flex-col-reverse ${className}`}>
      <details className="group peer">
        <summary className="mt-1 inline-flex min-h-8 cursor-pointer list-none items-center text-sm font-medium text-brand-700 underline dark:text-brand-100">
          <span className="group-open:hidden">Show more</span>
          <span className="hidden group-open:inline">Show less</span>
        </summary>
      </details>
      <p className="line-clamp-4 whitespace-pre-wrap break-words peer-open:line-clamp-none" data-collapsible-text>
        {text}
      </p>
    </div>
  );
}
