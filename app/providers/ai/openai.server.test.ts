import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { ProviderError } from "~/providers/provider-error";
import { startFakeApiServer, type FakeApiServer, type FakeResponse } from "~/providers/testing/fake-api-server";
import { leadAnalysisSchema, type AnalyzeLeadInput, type LeadAssessment } from "./ai.types";
import { createOpenAiProvider } from "./openai.server";

let api: FakeApiServer;
let next: FakeResponse;

const assessment: LeadAssessment = {
  score: 82,
  temperature: "HOT",
  suggestedStage: "NEGOTIATION",
  interests: { products: ["BankNifty Pro"], markets: ["BankNifty"], experience: "intermediate" },
  tags: [{ name: "ready-to-pay", confidence: 0.9 }],
  summary: "Priya asked the price and how to pay by UPI.",
  reasons: ["Asked for the payment link", "Replied within the hour"],
  nextBestAction: "Send the payment link now.",
};

function completion(content: string, refusal: string | null = null): FakeResponse {
  return {
    body: {
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1767607200,
      model: "gpt-4o-mini-2024-07-18",
      choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content, refusal } }],
      usage: { prompt_tokens: 412, completion_tokens: 96, total_tokens: 508 },
    },
  };
}

const input: AnalyzeLeadInput = {
  organizationId: "2b0c6d5e-1f1a-4c1e-9a53-0d6f3c8e9b10",
  contact: { name: "Priya Sharma", stage: "INTERESTED", amountSpentPaise: 0 },
  messages: [
    { direction: "OUTBOUND", body: "Namaste Priya!", sentAt: new Date("2026-01-05T09:00:00Z") },
    { direction: "INBOUND", body: "BankNifty Pro ka price kitna hai? UPI link bhejo", sentAt: new Date("2026-01-05T09:05:00Z") },
  ],
  products: ["BankNifty Pro"],
  now: new Date("2026-01-05T09:10:00Z"),
};

beforeAll(async () => {
  api = await startFakeApiServer(() => next);
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

const openai = () => createOpenAiProvider({ apiKey: "sk-test-key", model: "gpt-4o-mini", baseURL: `${api.url}/v1`, maxRetries: 0 });

test("asks chat completions for a strict JSON schema and returns the validated analysis with usage", async () => {
  next = completion(JSON.stringify(assessment));

  const analysis = await openai().analyzeLead(input);

  expect(analysis).toEqual({ ...assessment, usage: { inputTokens: 412, outputTokens: 96 }, engine: "openai" });
  expect(leadAnalysisSchema.parse(analysis)).toEqual(analysis);
  const [request] = api.requests;
  expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
  expect(request!.headers.authorization).toBe("Bearer sk-test-key");
  const body = request!.json as {
    model: string;
    messages: Array<{ role: string; content: string }>;
    response_format: { type: string; json_schema: { name: string; strict: boolean; schema: { required: string[] } } };
  };
  expect(body.model).toBe("gpt-4o-mini");
  expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "lead_analysis", strict: true } });
  expect(body.response_format.json_schema.schema.required).toEqual(Object.keys(assessment));
  expect(body.messages.map((message) => message.role)).toEqual(["system", "user"]);
  const lead = JSON.parse(body.messages[1]!.content);
  expect(lead.transcript).toEqual([
    { from: "agent", at: "2026-01-05T09:00:00.000Z", channel: null, text: "Namaste Priya!" },
    { from: "customer", at: "2026-01-05T09:05:00.000Z", channel: null, text: "BankNifty Pro ka price kitna hai? UPI link bhejo" },
  ]);
  expect(lead.catalog).toEqual(["BankNifty Pro"]);
});

test("an answer outside the schema is rejected, not stored", async () => {
  next = completion(JSON.stringify({ ...assessment, score: 140 }));
  const error = await openai().analyzeLead(input).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as Error).message).toMatch(/schema at score/);

  next = completion("", "I can't help with that.");
  await expect(openai().analyzeLead(input)).rejects.toThrow(/refused/);
});

test("an API error keeps its status and code", async () => {
  next = { status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } } };
  await expect(openai().analyzeLead(input)).rejects.toMatchObject({ provider: "openai", status: 401, code: "invalid_api_key", retryable: false });
});
