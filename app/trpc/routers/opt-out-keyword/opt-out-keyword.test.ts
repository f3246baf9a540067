import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { organizationConsentKeywords } from "~/models/consent-keywords.server";
import {
  DEFAULT_OPT_IN_CONFIRMATION,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_CONFIRMATION,
  DEFAULT_OPT_OUT_KEYWORDS,
} from "~/domain/conversation/opt-out-keywords";

describe("opt-out words", () => {
  test("an organization starts from the defaults; an admin adds and removes words, edits the confirmations and resets", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    expect(await admin.optOutKeyword.get()).toEqual({
      optOut: [...DEFAULT_OPT_OUT_KEYWORDS],
      optIn: [...DEFAULT_OPT_IN_KEYWORDS],
      optOutConfirmation: DEFAULT_OPT_OUT_CONFIRMATION,
      optInConfirmation: DEFAULT_OPT_IN_CONFIRMATION,
      customized: false,
    });

    expect(await admin.optOutKeyword.add({ list: "OPT_OUT", word: "  Ruko  " })).toEqual({ list: "OPT_OUT", word: "Ruko" });
    await admin.optOutKeyword.add({ list: "OPT_IN", word: "फिर से भेजो" });
    expect(await admin.optOutKeyword.remove({ list: "OPT_OUT", word: "QUIT" })).toEqual({ list: "OPT_OUT", word: "quit" });
    await admin.optOutKeyword.updateConfirmations({ optOutConfirmation: "  Unsubscribed. Reply START to come back.  ", optInConfirmation: "Welcome back!" });

    const changed = await admin.optOutKeyword.get();
    expect(changed).toMatchObject({ customized: true, optOutConfirmation: "Unsubscribed. Reply START to come back.", optInConfirmation: "Welcome back!" });
    expect(changed.optOut).toContain("Ruko");
    expect(changed.optOut).not.toContain("quit");
    expect(changed.optIn.at(-1)).toBe("फिर से भेजो");
    expect(await prisma.$transaction((tx) => organizationConsentKeywords(tx, w.organizationId))).toEqual({ optOut: changed.optOut, optIn: changed.optIn });

    // The other organization still has the defaults.
    expect(await prisma.$transaction((tx) => organizationConsentKeywords(tx, w.b.organization.id))).toEqual({
      optOut: DEFAULT_OPT_OUT_KEYWORDS,
      optIn: DEFAULT_OPT_IN_KEYWORDS,
    });
    const bOwner = await w.as(w.b.owner, w.b.organization.id);
    expect(await bOwner.optOutKeyword.get()).toMatchObject({ customized: false });

    expect(await admin.optOutKeyword.reset()).toEqual({ reset: true });
    expect(await admin.optOutKeyword.get()).toMatchObject({ customized: false, optOut: [...DEFAULT_OPT_OUT_KEYWORDS] });
    expect(await prisma.consentKeywordSettings.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });

  test("bad input changes nothing: a word already on a list (however written), only punctuation, an unknown word, the last opt-out word", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    const refused = async (call: Promise<unknown>, code: "CONFLICT" | "BAD_REQUEST", field: string, message: RegExp) => {
      const error = await expectTRPCError(call, code);
      expect(toActionFailure(error).fieldErrors[field]).toMatch(message);
    };
    await refused(admin.optOutKeyword.add({ list: "OPT_OUT", word: "Stop!" }), "CONFLICT", "word", /“Stop!” is already an opt-out word \(as “stop”\)/);
    await refused(admin.optOutKeyword.add({ list: "OPT_OUT", word: "START" }), "CONFLICT", "word", /already an opt-in word/);
    await refused(admin.optOutKeyword.add({ list: "OPT_IN", word: "बंद करो।" }), "CONFLICT", "word", /already an opt-out word/);
    await refused(admin.optOutKeyword.add({ list: "OPT_OUT", word: "?!" }), "BAD_REQUEST", "word", /letters or digits/);
    await refused(admin.optOutKeyword.add({ list: "OPT_OUT", word: "" }), "BAD_REQUEST", "word", /Enter a word/);
    await refused(admin.optOutKeyword.add({ list: "MAYBE" as "OPT_OUT", word: "ruko" }), "BAD_REQUEST", "list", /opt-out or the opt-in list/);
    await refused(admin.optOutKeyword.updateConfirmations({ optOutConfirmation: " ", optInConfirmation: "ok" }), "BAD_REQUEST", "optOutConfirmation", /Enter the opt-out confirmation/);
    await expectTRPCError(admin.optOutKeyword.remove({ list: "OPT_OUT", word: "ruko" }), "NOT_FOUND", /“ruko” is not an opt-out word/);
    expect(await prisma.consentKeywordSettings.count({ where: { organizationId: w.organizationId } })).toBe(0);

    // Down to one opt-out word, which stays.
    const { optOut } = await admin.optOutKeyword.get();
    for (const word of optOut.slice(1)) await admin.optOutKeyword.remove({ list: "OPT_OUT", word });
    await expectTRPCError(admin.optOutKeyword.remove({ list: "OPT_OUT", word: optOut[0]! }), "PRECONDITION_FAILED", /at least one opt-out word/);
    expect((await admin.optOutKeyword.get()).optOut).toEqual([optOut[0]]);
  });

  test.each(["manager", "agent", "viewer"] as const)("a %s can neither read nor change the words", async (role) => {
    const w = await contactWorld();
    const caller = await w.as(w[role]);
    await expectTRPCError(caller.optOutKeyword.get(), "FORBIDDEN");
    await expectTRPCError(caller.optOutKeyword.add({ list: "OPT_OUT", word: "ruko" }), "FORBIDDEN");
    await expectTRPCError(caller.optOutKeyword.remove({ list: "OPT_OUT", word: "stop" }), "FORBIDDEN");
    await expectTRPCError(caller.optOutKeyword.reset(), "FORBIDDEN");
    await expectTRPCError(caller.optOutKeyword.updateConfirmations({ optOutConfirmation: "a", optInConfirmation: "b" }), "FORBIDDEN");
    expect(await prisma.consentKeywordSettings.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });

  test("within one transaction the words are read once; the next transaction reads them again", async () => {
    const w = await contactWorld();
    await prisma.$transaction(async (tx) => {
      const first = await organizationConsentKeywords(tx, w.organizationId);
      await prisma.consentKeywordSettings.create({
        data: { organizationId: w.organizationId, optOutKeywords: ["ruko"], optInKeywords: ["chalu"], optOutConfirmation: "x", optInConfirmation: "y" },
      });
      // Another connection's write is not read again inside this transaction.
      expect(first.optOut).toEqual(DEFAULT_OPT_OUT_KEYWORDS);
      expect(await organizationConsentKeywords(tx, w.organizationId)).toEqual(first);
    });
    expect(await prisma.$transaction((tx) => organizationConsentKeywords(tx, w.organizationId))).toEqual({ optOut: ["ruko"], optIn: ["chalu"] });
  });
});
