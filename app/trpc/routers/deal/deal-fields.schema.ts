// Field schemas shared by deal.create, deal.update, deal.move and the deal
// forms. Browser-safe. An empty form field arrives as "" or undefined; both
// mean "none" for the optional links and "not set" for the probability.
import { z } from "zod";
import { paiseToRupeeInput, parseRupeesToPaise } from "~/domain/deal/deal-value";

const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

export const dealIdField = z.uuid({ message: "Deal not found" });
export const stageIdField = z.uuid({ message: "Choose a stage" });

export const titleField = z
  .string({ message: "Give the deal a title" })
  .trim()
  .min(1, { message: "Give the deal a title" })
  .max(200, { message: "Use at most 200 characters" });

/**
 * Rupees as typed ("4,999", "4999.50", "₹1,23,456") → integer paise (bigint). A bigint
 * (this schema's own output, when an action passes its parsed form on to the procedure)
 * is read as paise and checked again, so parsing twice gives the same answer.
 */
export const rupeeValueField = z.preprocess(
  (value) => (typeof value === "number" ? String(value) : typeof value === "bigint" ? paiseToRupeeInput(value) : value),
  z.string({ message: "Enter the deal value in rupees" }).transform((text, ctx) => {
    const parsed = parseRupeesToPaise(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.paise;
  }),
);

const optionalReference = (message: string) =>
  z.preprocess(blankToUndefined, z.uuid({ message }).optional());

export const contactRefField = optionalReference("Choose one of your contacts");
export const companyRefField = optionalReference("Choose one of your companies");
export const ownerRefField = optionalReference("Choose a member of this organization");

/** A calendar date "2026-12-31" (the deal's expected close), or nothing. */
export const closeDateField = z.preprocess(
  blankToUndefined,
  z.iso.date({ message: "Enter a date like 2026-12-31" }).optional(),
);

/** 0–100; left out, the stage's default probability applies when the stage changes. */
export const probabilityField = z.preprocess(
  (value) => {
    const blank = blankToUndefined(value);
    return typeof blank === "string" ? Number(blank.trim().replace(/%$/, "")) : blank;
  },
  z
    .number({ message: "Enter a probability from 0 to 100" })
    .int({ message: "Enter a whole number from 0 to 100" })
    .min(0, { message: "Enter a probability from 0 to 100" })
    .max(100, { message: "Enter a probability from 0 to 100" })
    .optional(),
);

export const versionField = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
  z.number({ message: "Reload the page and try again" }).int().min(1, { message: "Reload the page and try again" }),
);

export const dealFieldsSchema = z.object({
  title: titleField,
  value: rupeeValueField,
  stageId: stageIdField,
  contactId: contactRefField,
  companyId: companyRefField,
  ownerId: ownerRefField,
  expectedCloseDate: closeDateField,
  probability: probabilityField,
});
export type DealFieldsInput = z.output<typeof dealFieldsSchema>;
