import { expect, test } from "vitest";
import { leadAnalysisSchema, type AnalyzeLeadInput, type LeadMessage } from "./ai.types";
import { scoreLeadHeuristically } from "./lead-heuristics";
import { createSandboxAiProvider } from "./sandbox.server";

const now = new Date("2026-01-05T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const inbound = (body: string, minutes: number): LeadMessage => ({ direction: "INBOUND", body, sentAt: minutesAgo(minutes) });
const outbound = (body: string, minutes: number): LeadMessage => ({ direction: "OUTBOUND", body, sentAt: minutesAgo(minutes) });

function lead(messages: LeadMessage[], contact: Partial<AnalyzeLeadInput["contact"]> = {}): AnalyzeLeadInput {
  return {
    organizationId: "2b0c6d5e-1f1a-4c1e-9a53-0d6f3c8e9b10",
    contact: { name: "Rahul Gupta", stage: "NEW", ...contact },
    messages,
    products: ["BankNifty Pro", "Nifty Scalper"],
    now,
  };
}

const hot = lead([
  outbound("Namaste Rahul! BankNifty Pro indicator ke baare mein info chahiye?", 180),
  inbound("Haan bhai interested hoon, BankNifty Pro ka price kitna hai?", 170),
  outbound("₹4,999 lifetime", 160),
  inbound("Demo dikhao pehle, accuracy kitni hai options mein?", 120),
  outbound("Yeh raha demo video", 110),
  inbound("Theek hai, lena hai. UPI se payment karunga, link bhejo", 10),
]);

const cold = lead([
  outbound("Namaste! Nifty indicator dekhna chahenge?", 60 * 24 * 20),
  inbound("ok", 60 * 24 * 19),
  outbound("Aapne demo dekha?", 60 * 24 * 10),
  outbound("Offer khatam ho raha hai", 60 * 24 * 5),
]);

test("a hot Hinglish conversation outscores a cold one, and says why", async () => {
  const sandbox = createSandboxAiProvider();
  const hotAnalysis = leadAnalysisSchema.parse(await sandbox.analyzeLead(hot));
  const coldAnalysis = leadAnalysisSchema.parse(await sandbox.analyzeLead(cold));

  expect(hotAnalysis.engine).toBe("heuristic");
  expect(hotAnalysis.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  expect(hotAnalysis.score).toBeGreaterThanOrEqual(70);
  expect(hotAnalysis.temperature).toBe("HOT");
  expect(hotAnalysis.suggestedStage).toBe("NEGOTIATION");
  expect(hotAnalysis.interests).toEqual({ products: ["BankNifty Pro"], markets: ["BankNifty", "Options"], experience: null });
  expect(hotAnalysis.tags.map((tag) => tag.name)).toEqual(
    expect.arrayContaining(["ready-to-pay", "purchase-intent", "price-enquiry", "interested", "wants-demo", "banknifty"]),
  );
  expect(hotAnalysis.reasons).toEqual(
    expect.arrayContaining(["3 message(s) from the lead (+9)", "Last reply within the hour (+20)", "Asked how to pay (+15)"]),
  );
  expect(hotAnalysis.nextBestAction).toMatch(/payment link/);

  expect(coldAnalysis.score).toBeLessThan(hotAnalysis.score);
  expect(coldAnalysis.score).toBeLessThan(40);
  expect(coldAnalysis.temperature).toBe("COLD");
  expect(coldAnalysis.suggestedStage).toBe("ENGAGED");
  expect(coldAnalysis.reasons).toContain("Last reply 19 d ago (+0)");
});

test("a refusal in Hinglish makes the lead DEAD even after earlier interest", () => {
  const analysis = scoreLeadHeuristically(
    lead([inbound("Price kitna hai?", 300), outbound("₹4,999", 290), inbound("Nahi chahiye, mat bhejo", 5)], { stage: "INTERESTED" }),
  );
  expect(analysis.temperature).toBe("DEAD");
  expect(analysis.score).toBeLessThanOrEqual(10);
  expect(analysis.suggestedStage).toBe("CHURNED");
  expect(analysis.tags).toContainEqual({ name: "not-interested", confidence: 0.9 });
  expect(analysis.reasons).toContain("Latest reply says no or asks us to stop (-40)");
});

test("'not interested' never counts as interest, and 'stop loss' is not an opt-out", () => {
  const refusal = scoreLeadHeuristically(lead([inbound("I am not interested", 5)]));
  expect(refusal.tags.map((tag) => tag.name)).not.toContain("interested");

  const trader = scoreLeadHeuristically(lead([inbound("Stop loss kitna rakhna hai Nifty options mein? 5 saal se trading kar raha hoon", 5)]));
  expect(trader.temperature).not.toBe("DEAD");
  expect(trader.interests).toEqual({ products: [], markets: ["Nifty", "Options"], experience: "advanced" });
});

test("a past payment converts and a stage never moves backwards", () => {
  const paid = scoreLeadHeuristically(lead([inbound("Thanks, received the indicator", 60)], { amountSpentPaise: 499900 }));
  expect(paid.suggestedStage).toBe("CONVERTED");
  expect(paid.reasons).toContain("Has paid ₹4,999 before (+25)");

  const quiet = scoreLeadHeuristically(lead([inbound("ok", 60)], { stage: "NEGOTIATION" }));
  expect(quiet.suggestedStage).toBe("NEGOTIATION");
});

test("a lead with no messages still gets a valid, explained analysis", () => {
  const analysis = scoreLeadHeuristically(lead([]));
  expect(analysis).toMatchObject({ score: 10, temperature: "COLD", suggestedStage: "NEW", reasons: ["No messages or payments yet (+0)"] });
});
