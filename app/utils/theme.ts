import { z } from "zod";

export const themeSchema = z.enum(["light", "dark", "system"]);
export type Theme = z.infer<typeof themeSchema>;

export const NEXT_THEME: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
