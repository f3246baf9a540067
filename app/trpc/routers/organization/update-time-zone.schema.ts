import { z } from "zod";
import { isTimeZone } from "~/utils/clock";

/** An IANA zone name ("Asia/Kolkata", "America/New_York"); abbreviations like IST or EST are ambiguous and refused. */
export const timeZoneSchema = z
  .string({ message: "Choose a time zone" })
  .trim()
  .min(1, { message: "Choose a time zone" })
  .refine(isTimeZone, { message: "Choose a time zone by its place name, like Asia/Kolkata or America/New_York" });

export const updateTimeZoneSchema = z.object({ timeZone: timeZoneSchema });
export type UpdateTimeZoneInput = z.infer<typeof updateTimeZoneSchema>;
