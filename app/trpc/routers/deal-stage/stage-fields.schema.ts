// Field schemas for the pipeline settings. Browser-safe.
import { z } from "zod";

export const stageIdField = z.uuid({ message: "Stage not found" });

export const stageNameField = z
  .string({ message: "Name the stage" })
  .trim()
  .min(1, { message: "Name the stage" })
  .max(60, { message: "Use at most 60 characters" });

export const stageProbabilityField = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim().replace(/%$/, ""))) : value),
  z
    .number({ message: "Enter a probability from 0 to 100" })
    .int({ message: "Enter a whole number from 0 to 100" })
    .min(0, { message: "Enter a probability from 0 to 100" })
    .max(100, { message: "Enter a probability from 0 to 100" }),
);
