// AI lead analysis, the same for OpenAI and the heuristic sandbox. Safe for the browser.
import { z } from "zod";
import { ContactStage, Temperature } from "~/generated/prisma/enums";

/** What an engine concludes about a lead. It is also the JSON schema OpenAI must answer in, so it keeps
 * to keywords structured outputs accept (no string lengths, no optional fields). */
export const leadAssessmentSchema = z.object({
  score: z.number().int().min(0).max(100),
  temperature: z.enum(Temperature),
  suggestedStage: z.enum(ContactStage),
  interests: z.object({
    products: z.array(z.string()).max(10),
    markets: z.array(z.string()).max(10),
    experience: z.enum(["beginner", "intermediate", "advanced"]).nullable(),
  }),
  tags: z.array(z.object({ name: z.string(), confidence: z.number().min(0).max(1) })).max(10),
  summary: z.string(),
  reasons: z.array(z.string()).min(1).max(12),
  nextBestAction: z.string(),
});
export type LeadAssessment = z.infer<typeof leadAssessmentSchema>;

export const leadAnalysisSchema = leadAssessmentSchema.extend({
  usage: z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }),
  engine: z.enum(["openai", "heuristic"]),
});
export type LeadAnalysis = z.infer<typeof leadAnalysisSchema>;

export type LeadMessage = {
  direction: "INBOUND" | "OUTBOUND";
  body: string;
  sentAt: Date;
  channel?: "WHATSAPP" | "SMS" | "EMAIL";
};

export type AnalyzeLeadInput = {
  organizationId: string;
  contact: {
    name: string;
    stage: ContactStage;
    temperature?: Temperature | null;
    tags?: string[];
    /** Lifetime paid amount, in paise. */
    amountSpentPaise?: number;
    paymentsCount?: number;
  };
  /** The recent conversation, in any order. */
  messages: LeadMessage[];
  /** Names from the organization's catalog, so interests name real products. */
  products?: string[];
  /** The moment to measure recency from; defaults to now. */
  now?: Date;
};

export interface AiProvider {
  readonly name: "openai" | "sandbox";
  analyzeLead(input: AnalyzeLeadInput): Promise<LeadAnalysis>;
}
