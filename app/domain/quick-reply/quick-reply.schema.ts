// A quick reply: a shortcut the composer matches after "/", a title, and the text it inserts.
// Browser-safe: the settings form and the procedures parse with the same shapes.
import { z } from "zod";

export const QUICK_REPLY_BODY_MAX = 4096;

export const quickReplyShortcutField = z
  .string({ message: "Enter a shortcut." })
  .trim()
  .transform((value) => value.replace(/^\//, "").toLowerCase())
  .pipe(
    z
      .string()
      .min(1, { message: "Enter a shortcut, such as price." })
      .max(40, { message: "A shortcut can be at most 40 characters." })
      .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: "Use letters, digits, - and _ only (no spaces), such as price or follow-up." }),
  );

const fields = {
  shortcut: quickReplyShortcutField,
  title: z.string({ message: "Enter a title." }).trim().min(1, { message: "Enter a title." }).max(120, { message: "A title can be at most 120 characters." }),
  body: z
    .string({ message: "Write the reply." })
    .trim()
    .min(1, { message: "Write the reply." })
    .max(QUICK_REPLY_BODY_MAX, { message: "A reply can be at most 4,096 characters." }),
};

export const createQuickReplySchema = z.object(fields);
export type CreateQuickReplyInput = z.output<typeof createQuickReplySchema>;

export const updateQuickReplySchema = z.object({ id: z.uuid({ message: "Choose a quick reply." }), ...fields });
export type UpdateQuickReplyInput = z.output<typeof updateQuickReplySchema>;

export const deleteQuickReplySchema = z.object({ id: z.uuid({ message: "Choose a quick reply." }) });
export type DeleteQuickReplyInput = z.output<typeof deleteQuickReplySchema>;

/** The replies whose shortcut starts with what follows "/" (all of them for a bare "/"), shortest first. */
export function matchQuickReplies<T extends { shortcut: string }>(replies: readonly T[], typed: string): T[] {
  const query = typed.replace(/^\//, "").toLowerCase();
  return replies.filter((reply) => reply.shortcut.startsWith(query)).sort((a, b) => a.shortcut.length - b.shortcut.length || a.shortcut.localeCompare(b.shortcut));
}
