// Picks the AI provider once from validated config: OpenAI when OPENAI_API_KEY is set, else the heuristic sandbox.
import { getEnv, providerModes, type Env } from "~/utils/env.server";
import type { AiProvider } from "./ai.types";
import { createOpenAiProvider } from "./openai.server";
import { createSandboxAiProvider } from "./sandbox.server";

export * from "./ai.types";
export { scoreLeadHeuristically } from "./lead-heuristics";
export { createOpenAiProvider, type OpenAiConfig } from "./openai.server";
export { createSandboxAiProvider } from "./sandbox.server";

/** Builds the provider an environment asks for, without reading process.env. */
export function aiProviderFromEnv(env: Env): AiProvider {
  if (providerModes(env).ai === "openai") {
    return createOpenAiProvider({ apiKey: env.OPENAI_API_KEY!, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL });
  }
  return createSandboxAiProvider();
}

let chosen: AiProvider | undefined;

/** The process's AI provider, chosen on first use. */
export function getAiProvider(): AiProvider {
  chosen ??= aiProviderFromEnv(getEnv());
  return chosen;
}
