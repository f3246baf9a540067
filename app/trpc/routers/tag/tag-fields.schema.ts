import { z } from "zod";
import { TAG_COLORS } from "~/domain/tag/tag-colors";

/** Tag names are trimmed and lowercased, so "VIP" and "vip" are the same tag. */
export const tagNameField = z
  .string({ message: "Enter a tag name" })
  .trim()
  .toLowerCase()
  .min(1, { message: "Enter a tag name" })
  .max(60, { message: "Use at most 60 characters" })
  .refine((name) => !/[\r\n\t]/.test(name), { message: "Use a single line" });

export const tagColorField = z.enum(TAG_COLORS, { message: "Choose a color from the list" });

export const tagIdField = z.uuid({ message: "Tag not found" });
