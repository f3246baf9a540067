// Reads one raw email (MIME, as a mail relay posts it) into what a conversation needs: who wrote, the
// subject, the text, the HTML made harmless, the ids that thread it, and what was attached (names and
// sizes only; attachment contents are not kept). Pure: bytes in, a typed object out.
import { simpleParser, type AddressObject } from "mailparser";
import sanitizeHtml from "sanitize-html";
import { z } from "zod";

export class InboundEmailError extends Error {}

/** Tags a message may keep: text structure and links. No images (tracking pixels), forms, media or scripts. */
const ALLOWED_TAGS = [
  "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "span",
  "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No style, class or event-handler attributes anywhere; a link's rel and target are always ours (transformTags).
  allowedAttributes: { a: ["href", "title", "rel", "target"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // The contents of these go too, not just the tags.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "template", "iframe", "object"],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
  },
};

/** HTML from a stranger, made safe to show: an allowlist of harmless tags, links that open apart. */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };

/** The words of (already sanitized) HTML, a line per block, for a message that has no plain-text part. */
export function textOfHtml(safeHtml: string): string {
  const lines = safeHtml.replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol|dd|dt)>/gi, "\n");
  const text = sanitizeHtml(lines, { allowedTags: [], allowedAttributes: {} }).replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity]!);
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const inboundEmailSchema = z.object({
  from: z.object({ address: z.string(), name: z.string().optional() }),
  to: z.array(z.string()),
  subject: z.string().optional(),
  text: z.string(),
  html: z.string().optional(),
  /** The Message-ID without its angle brackets; null when the message carries none. */
  messageId: z.string().nullable(),
  inReplyTo: z.array(z.string()),
  references: z.array(z.string()),
  attachments: z.array(z.object({ name: z.string().optional(), contentType: z.string(), size: z.number().int().nonnegative() })),
  sentAt: z.iso.datetime().nullable(),
});
export type InboundEmail = z.infer<typeof inboundEmailSchema>;

const MAX_SUBJECT = 998;
const EMAIL = z.email();

/** Message ids from a header ("<a@x> <b@y>", or a bare id), without angle brackets, in order, once each. */
function messageIds(value: string | string[] | undefined): string[] {
  const parts = Array.isArray(value) ? value : value ? [value] : [];
  const ids: string[] = [];
  for (const part of parts) {
    const bracketed = [...part.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
    const found = bracketed.length > 0 ? bracketed : part.split(/\s+/).filter(Boolean);
    for (const id of found) if (!ids.includes(id)) ids.push(id.slice(0, 250));
  }
  return ids;
}

function addresses(value: AddressObject | AddressObject[] | undefined) {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects.flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])));
}

/** Looks like MIME: a header block (Name: value lines) before the first blank line. */
function hasHeaderBlock(raw: Buffer): boolean {
  const head = raw.subarray(0, 64 * 1024).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  return /^[!-9;-~]+:/m.test(block) && /^from:/im.test(block);
}

/** Parses a raw message; throws an InboundEmailError saying why when it is not one we can read. */
export async function parseInboundEmail(raw: Buffer | Uint8Array): Promise<InboundEmail> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  if (bytes.length === 0) throw new InboundEmailError("The body is empty: post the raw message (message/rfc822).");
  if (bytes.includes(0)) throw new InboundEmailError("The body is not a text message: post the raw message (message/rfc822).");
  if (!hasHeaderBlock(bytes)) throw new InboundEmailError("The body has no email headers (no From: line): post the raw message (message/rfc822).");
  let mail;
  try {
    // No text made from the HTML by the parser (it would keep image and link addresses): textOfHtml does it.
    mail = await simpleParser(bytes, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch {
    throw new InboundEmailError("The message could not be read as MIME.");
  }
  const sender = addresses(mail.from).find((entry) => entry.address);
  const address = sender?.address?.trim().toLowerCase();
  if (!address || !EMAIL.safeParse(address).success) throw new InboundEmailError("The message has no valid From address.");
  const html = typeof mail.html === "string" ? sanitizeEmailHtml(mail.html) : "";
  const subject = mail.subject?.trim().slice(0, MAX_SUBJECT);
  const name = sender?.name?.trim();
  return {
    from: { address, ...(name ? { name: name.slice(0, 200) } : {}) },
    to: addresses(mail.to).flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])),
    ...(subject ? { subject } : {}),
    text: mail.text?.trim() ? mail.text.replace(/\r\n/g, "\n").trim() : textOfHtml(html),
    ...(html ? { html } : {}),
    messageId: messageIds(mail.messageId)[0] ?? null,
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    attachments: mail.attachments.map((attachment) => ({
      ...(attachment.filename ? { name: attachment.filename.slice(0, 255) } : {}),
      contentType: attachment.contentType || "application/octet-stream",
      size: attachment.size ?? attachment.content.length,
    })),
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
  };
}
