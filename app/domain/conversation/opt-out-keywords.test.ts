import { describe, expect, test } from "vitest";
import { matchConsentKeyword, normalizeKeywordText } from "./opt-out-keywords";

describe("consent words", () => {
  test("normalizing trims, folds case, drops punctuation and collapses spaces", () => {
    expect(normalizeKeywordText("  STOP!! ")).toBe("stop");
    expect(normalizeKeywordText("Band   Karo.")).toBe("band karo");
    expect(normalizeKeywordText("बंद करो।")).toBe("बंद करो");
  });

  test.each([
    ["STOP", "OPT_OUT"],
    ["stop all", "OPT_OUT"],
    ["Un-subscribe", "OPT_OUT"],
    ["msg mat bhejo", "OPT_OUT"],
    ["मैसेज मत भेजो", "OPT_OUT"],
    ["Start", "OPT_IN"],
    ["UNSTOP", "OPT_IN"],
    ["I want to stop getting these", "MENTIONS_OPT_OUT"],
    ["kal se mat bhejo please", "MENTIONS_OPT_OUT"],
    ["Stopwatch price?", null],
    ["Send me the weekend report", null],
    ["", null],
  ])("%j → %s", (text, expected) => {
    expect(matchConsentKeyword(text)).toBe(expected);
  });
});
