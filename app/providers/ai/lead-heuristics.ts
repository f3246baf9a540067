// A transparent lead scorer for when no AI is configured: every point it gives comes with a reason.
// Signals: engagement (messages from the lead), recency of their last reply, intent phrases in
// English and Hinglish, opt-outs and refusals, and payments already made.
import type { ContactStage, Temperature } from "~/generated/prisma/enums";
import type { AnalyzeLeadInput, LeadAssessment } from "./ai.types";

type Intent = { tag: string; label: string; points: number; pattern: RegExp };

const INTENTS: Intent[] = [
  { tag: "ready-to-pay", label: "asked how to pay", points: 15, pattern: /\b(pay\w*|upi|gpay|google pay|phone ?pe|qr|link bhej\w*|send (the |me )?link|account (no|number|details))\b/g },
  { tag: "purchase-intent", label: "want to buy", points: 15, pattern: /\b(buy|purchase|subscribe|lena hai|le lu?nga|le lu?ngi|kharid\w*|join karna|want to join)\b/g },
  { tag: "price-enquiry", label: "asked the price", points: 10, pattern: /\b(price|pricing|cost|fees?|charges?|rate|kitna|kitne|kitni|how much)\b/g },
  { tag: "interested", label: "said they are interested", points: 10, pattern: /\b(interested|intrested|interest hai|chahiye|pasand)\b/g },
  { tag: "wants-demo", label: "asked for a demo or proof", points: 8, pattern: /\b(demo|trial|sample|backtest\w*|screenshots?|results?|accuracy)\b/g },
  { tag: "wants-details", label: "asked for details", points: 5, pattern: /\b(details?|more info|how (does|do|to)|kaise|batao|bataiye|bataye|explain|samjhao)\b/g },
];

/** Said no, or asked us to stop ("stop loss" is trading talk, not a refusal). Removed from the text before
 * looking for intents, so "not interested" never counts as interest. */
const REFUSAL = /\b(not interested|no interest|nahi+n? chahiye|nai chahiye|mat bhejo|don'?t (message|contact|call|text)|stop(?!\s*loss)|unsubscribe|band karo)\b/g;
const COMPLAINT = /\b(scam|fraud|cheat\w*|refund|bakwas)\b/g;

const MARKETS: Array<[string, RegExp]> = [
  ["BankNifty", /\bbank ?nifty\b/],
  ["FinNifty", /\bfin ?nifty\b/],
  ["Nifty", /(?<!bank ?)(?<!fin ?)\bnifty\b/],
  ["Sensex", /\bsensex\b/],
  ["Options", /\b(options?|f&o|fno|expiry)\b/],
];
const BEGINNER = /\b(beginner|new to trading|naya hu?o?n|nayi hu?o?n|seekh\w*|learning|first time)\b/;
const ADVANCED = /\b(experienced|pro trader|full[- ]time trader|\d+\s*(years?|saal)\s*(se|of|in)?\s*trading|trading (for|since) \d+)/;

const STAGE_ORDER: ContactStage[] = ["NEW", "ENGAGED", "INTERESTED", "NEGOTIATION", "CONVERTED"];
const DAY_MS = 24 * 60 * 60 * 1000;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function ago(ms: number): string {
  if (ms < 60 * 60 * 1000) return "within the hour";
  if (ms < DAY_MS) return `${Math.round(ms / (60 * 60 * 1000))} h ago`;
  return `${Math.round(ms / DAY_MS)} d ago`;
}

function rupees(paise: number): string {
  return `₹${(paise / 100).toLocaleString("en-IN", { maximumFractionDigits: 2 })}`;
}

function signed(points: number): string {
  return points >= 0 ? `+${points}` : `${points}`;
}

export function scoreLeadHeuristically(input: AnalyzeLeadInput): LeadAssessment {
  const now = input.now ?? new Date();
  const inbound = input.messages
    .filter((message) => message.direction === "INBOUND")
    .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  const outboundCount = input.messages.length - inbound.length;
  const lastInbound = inbound.at(-1);
  const spent = input.contact.amountSpentPaise ?? 0;

  let score = 10;
  const reasons: string[] = [];
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(`${reason} (${signed(points)})`);
  };

  // Engagement and recency.
  if (inbound.length > 0) add(Math.min(inbound.length, 10) * 3, `${inbound.length} message(s) from the lead`);
  else if (outboundCount >= 2) add(-10, `No reply to ${outboundCount} messages`);
  if (lastInbound) {
    const since = now.getTime() - lastInbound.sentAt.getTime();
    const points = since <= DAY_MS ? 20 : since <= 3 * DAY_MS ? 12 : since <= 7 * DAY_MS ? 6 : since <= 30 * DAY_MS ? 0 : -15;
    add(points, `Last reply ${ago(since)}`);
  }

  // Intent phrases. Refusals are read from the latest reply and removed before looking for interest.
  const latest = (lastInbound?.body ?? "").toLowerCase();
  const refusedNow = count(latest, REFUSAL) > 0;
  const text = inbound.map((message) => message.body.toLowerCase()).join("\n").replace(REFUSAL, " ");
  if (refusedNow) add(-40, "Latest reply says no or asks us to stop");
  const complaints = count(text, COMPLAINT);
  if (complaints > 0) add(-15, "Mentioned a scam, refund or complaint");
  const tags: LeadAssessment["tags"] = [];
  const found = new Set<string>();
  for (const intent of INTENTS) {
    const hits = count(text, intent.pattern);
    if (hits === 0) continue;
    found.add(intent.tag);
    add(intent.points, `${intent.label[0]!.toUpperCase()}${intent.label.slice(1)}`);
    tags.push({ name: intent.tag, confidence: Math.min(Math.round((0.6 + 0.1 * hits) * 100) / 100, 0.95) });
  }
  if (refusedNow) tags.push({ name: "not-interested", confidence: 0.9 });
  if (spent > 0) add(25, `Has paid ${rupees(spent)} before`);
  score = Math.max(0, Math.min(100, score));
  if (refusedNow && score > 10) {
    reasons.push(`Capped at 10 because they said no (${signed(10 - score)})`);
    score = 10;
  }

  // Interests.
  const markets = MARKETS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  const products = (input.products ?? []).filter((name) => text.includes(name.toLowerCase())).slice(0, 10);
  const experience = BEGINNER.test(text) ? "beginner" : ADVANCED.test(text) ? "advanced" : null;
  for (const market of markets) tags.push({ name: market.toLowerCase(), confidence: 0.9 });
  if (experience) tags.push({ name: experience, confidence: 0.7 });

  const temperature: Temperature = refusedNow ? "DEAD" : score >= 70 ? "HOT" : score >= 40 ? "WARM" : "COLD";
  const suggestedStage = suggestStage(input.contact.stage, {
    paid: spent > 0,
    refused: refusedNow,
    negotiating: found.has("ready-to-pay") || found.has("purchase-intent"),
    interested: found.has("price-enquiry") || found.has("interested") || found.has("wants-demo"),
    engaged: inbound.length > 0,
  });

  return {
    score,
    temperature,
    suggestedStage,
    interests: { products, markets, experience },
    tags: tags.slice(0, 10),
    summary: summarize(input, { inboundCount: inbound.length, outboundCount, lastInbound: lastInbound?.sentAt, now, markets, found }),
    reasons: reasons.length > 0 ? reasons.slice(0, 12) : ["No messages or payments yet (+0)"],
    nextBestAction: nextBestAction(suggestedStage, temperature, found),
  };
}

function suggestStage(
  current: ContactStage,
  signals: { paid: boolean; refused: boolean; negotiating: boolean; interested: boolean; engaged: boolean },
): ContactStage {
  if (signals.refused) return "CHURNED";
  const seen: ContactStage = signals.paid
    ? "CONVERTED"
    : signals.negotiating
      ? "NEGOTIATION"
      : signals.interested
        ? "INTERESTED"
        : signals.engaged
          ? "ENGAGED"
          : "NEW";
  // Suggest moving forward only; a churned lead who comes back starts from what we see now.
  if (current === "CHURNED") return seen;
  return STAGE_ORDER.indexOf(seen) > STAGE_ORDER.indexOf(current) ? seen : current;
}

function summarize(
  input: AnalyzeLeadInput,
  facts: { inboundCount: number; outboundCount: number; lastInbound?: Date; now: Date; markets: string[]; found: Set<string> },
): string {
  const name = input.contact.name.split(/\s+/)[0] || "The lead";
  const parts = [
    facts.lastInbound
      ? `${name} sent ${facts.inboundCount} message(s), the last ${ago(facts.now.getTime() - facts.lastInbound.getTime())}.`
      : `${name} has not replied yet (${facts.outboundCount} message(s) sent).`,
  ];
  const intents = INTENTS.filter((intent) => facts.found.has(intent.tag)).map((intent) => intent.label);
  if (intents.length > 0) parts.push(`They ${intents.join(", ")}.`);
  if (facts.markets.length > 0) parts.push(`Trades ${facts.markets.join(", ")}.`);
  return parts.join(" ");
}

function nextBestAction(stage: ContactStage, temperature: Temperature, found: Set<string>): string {
  if (temperature === "DEAD") return "Stop outreach and respect the request; do not message again unless they write first.";
  switch (stage) {
    case "CONVERTED":
      return "Onboard them on the indicator and ask for a referral.";
    case "NEGOTIATION":
      return "Send a payment link now and follow up within the hour.";
    case "INTERESTED":
      return found.has("wants-demo")
        ? "Share results or a demo, then quote the price."
        : "Share the price and offer a short demo.";
    case "ENGAGED":
      return "Ask which market they trade and how long they have been trading.";
    default:
      return temperature === "COLD" ? "Send an approved WhatsApp template to restart the conversation." : "Introduce the product.";
  }
}
