// Offline lead analysis: the heuristic scorer, labelled as such, with no tokens spent.
import type { AiProvider } from "./ai.types";
import { scoreLeadHeuristically } from "./lead-heuristics";

export function createSandboxAiProvider(): AiProvider {
  return {
    name: "sandbox",
    async analyzeLead(input) {
      return { ...scoreLeadHeuristically(input), usage: { inputTokens: 0, outputTokens: 0 }, engine: "heuristic" };
    },
  };
}
