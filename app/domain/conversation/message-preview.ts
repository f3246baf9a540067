// The line an inbox shows for a conversation's latest message: its text (first 200 characters), or
// what it carries when it has no text ("Photo", "Document", "Location"…). Browser-safe.

export const PREVIEW_LENGTH = 200;

export type MessageMedia = {
  type: string;
  name?: string;
  contentType?: string;
  size?: number;
  url?: string;
  latitude?: number;
  longitude?: number;
};

const MEDIA_WORDS: Record<string, string> = {
  image: "Photo",
  video: "Video",
  audio: "Audio",
  document: "Document",
  location: "Location",
  sticker: "Sticker",
  contact: "Contact card",
};

/** "image/jpeg" → "image", "application/pdf" → "document": what kind of attachment a content type is. */
export function mediaTypeOf(contentType: string | undefined): string {
  const major = (contentType ?? "").split("/")[0]?.toLowerCase() ?? "";
  if (major === "image" || major === "video" || major === "audio") return major;
  if ((contentType ?? "").toLowerCase() === "text/vcard" || (contentType ?? "").toLowerCase() === "text/x-vcard") return "contact";
  return "document";
}

export function mediaWord(media: Pick<MessageMedia, "type">): string {
  return MEDIA_WORDS[media.type] ?? "Attachment";
}

export function messagePreview(body: string, media: ReadonlyArray<Pick<MessageMedia, "type">>, length = PREVIEW_LENGTH): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text) return Array.from(text).slice(0, length).join("");
  const first = media[0];
  if (!first) return "";
  return media.length > 1 ? `${mediaWord(first)} +${media.length - 1}` : mediaWord(first);
}
