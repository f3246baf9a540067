// What the chat page's action answers. Browser-safe: the page's forms read it.

/** What the page's action answers when a chat form is refused or asks for a re-render (JavaScript off). */
export type ChatReply = {
  intent: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  /** The text box's content to show again (a refused send, an inserted quick reply). */
  draft?: string;
  note?: boolean;
  /** A template preview: the chosen template, the values entered, and the text or what is missing. */
  template?: { id: string; values: Record<string, string>; text: string | null; missing: string[] };
};
