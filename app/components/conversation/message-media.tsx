// What a customer attached, shown as what it is: a picture (only from an http(s) address), a sound,
// a document link, a location as a maps link with its coordinates. Never markup from the message.
import type { MessageMedia } from "~/domain/conversation/message-preview";
import { mediaWord } from "~/domain/conversation/message-preview";

/** The address when it is a plain http(s) URL; anything else (javascript:, data:) is not followed. */
export function safeHttpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit;
}

function OneMedia({ media }: { media: MessageMedia }) {
  const url = safeHttpUrl(media.url);
  const word = mediaWord(media);
  if (media.type === "location") {
    if (!isCoordinate(media.latitude, 90) || !isCoordinate(media.longitude, 180)) return <p>📍 Location</p>;
    const where = `${media.latitude.toFixed(5)}, ${media.longitude.toFixed(5)}`;
    return (
      <a className="underline" href={`https://www.google.com/maps?q=${media.latitude},${media.longitude}`} target="_blank" rel="noopener noreferrer nofollow">
        📍 Location {where}
      </a>
    );
  }
  if (!url) return <p>📎 {word}{media.name ? `: ${media.name}` : ""} (no link)</p>;
  if (media.type === "image") {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="block">
        <img src={url} alt={media.name ?? "Photo from the customer"} loading="lazy" className="max-h-64 max-w-full rounded-md" />
      </a>
    );
  }
  if (media.type === "audio") {
    return (
      <audio controls preload="none" src={url} className="max-w-full" aria-label={media.name ?? "Voice message"}>
        <a href={url}>Audio</a>
      </audio>
    );
  }
  return (
    <a className="underline [overflow-wrap:anywhere]" href={url} target="_blank" rel="noopener noreferrer nofollow">
      📎 {word}: {media.name ?? media.contentType ?? "open"}
    </a>
  );
}

export function MessageMediaList({ media }: { media: MessageMedia[] }) {
  if (media.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Attachments">
      {media.map((item, index) => (
        <li key={index}>
          <OneMedia media={item} />
        </li>
      ))}
    </ul>
  );
}
