// Control characters in text people type: C0 (U+0000–U+001F), DEL (U+007F)
// and C1 (U+0080–U+009F). None of them belongs in a name, a note or a search,
// and some break things further on (PostgreSQL text can't hold U+0000; others
// garble exports and messages). Tab and newline are text. A carriage return is
// half of the line break a textarea submits (CRLF), so line breaks are first
// normalised to a newline, as HTML itself does for a textarea's value.
//
// Procedures refuse input still holding a control character (the base
// procedure in trpc.server.ts); public website forms remove them instead, so a
// lead is never lost to one. Browser-safe.

/** The control characters refused in text: C0 except tab, newline and carriage return; DEL; C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, "g");
const LINE_BREAK = /\r\n?/g;

export type ControlCharacterFound = {
  /** Where in the input: "name", "customFields.city", "ids.1"; "" for the value itself. */
  path: string;
  /** The character's code point, written like "U+0001". */
  codePoint: string;
};

function codePointOf(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The first control character in `text` (its code point written like "U+0001"), or null. CR counts as text (see normalizeLineBreaks). */
export function findControlCharacterIn(text: string): string | null {
  const match = CONTROL_CHARACTER.exec(text);
  return match ? codePointOf(match[0]) : null;
}

/** CRLF and a lone CR become LF. */
export function normalizeLineBreaks(text: string): string {
  return text.includes("\r") ? text.replace(LINE_BREAK, "\n") : text;
}

/** The text with line breaks normalised and every control character removed (for website forms, CSV cells). */
export function withoutControlCharacters(text: string): string {
  return normalizeLineBreaks(text).replace(CONTROL_CHARACTERS, "");
}

/** Plain data only: arrays and object literals are walked; dates, bytes and other objects are left alone. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Every string in `value` (object keys too) passed through `change`; the same reference when nothing changed. */
function mapStrings(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === "string") return change(value);
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = mapStrings(item, change);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const nextKey = change(key);
      const next = mapStrings(item, change);
      if (nextKey !== key || next !== item) changed = true;
      return [nextKey, next] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** The input with every string's line breaks normalised to LF (the same reference when there were none). */
export function normalizeInputLineBreaks<T>(value: T): T {
  return mapStrings(value, normalizeLineBreaks) as T;
}

/** The first control character in any string of `value` (keys included) and where it is, or null. */
export function findControlCharacter(value: unknown, path: readonly (string | number)[] = []): ControlCharacterFound | null {
  if (typeof value === "string") {
    const codePoint = findControlCharacterIn(value);
    return codePoint ? { path: path.join("."), codePoint } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = [...path, withoutControlCharacters(key) || "?"];
      const inKey = findControlCharacterIn(key);
      if (inKey) return { path: keyPath.join("."), codePoint: inKey };
      const found = findControlCharacter(item, keyPath);
      if (found) return found;
    }
  }
  return null;
}

/** The sentence a person sees when their text holds a control character: where, and which. */
export function controlCharacterMessage(found: ControlCharacterFound): string {
  const what = found.codePoint === "U+0000" ? "a null character (U+0000)" : `an invisible control character (${found.codePoint})`;
  return `${found.path || "The text"} contains ${what}. Remove it and try again.`;
}

/** Website form fields with control characters removed from names and values (for public posts: keep the lead). */
export function stripControlCharacters(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [withoutControlCharacters(key), withoutControlCharacters(value)]));
}
