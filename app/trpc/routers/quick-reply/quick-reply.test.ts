// Quick replies: managers and above keep them (one shortcut per organization), everyone lists them,
// and another organization's ids are NOT_FOUND.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { matchQuickReplies } from "~/domain/quick-reply/quick-reply.schema";

describe("quick replies", () => {
  test("a manager creates, edits and deletes; the shortcut is normalized and unique; agents list but may not change", async () => {
    const w = await contactWorld();
    const manager = await w.as(w.manager);
    const price = await manager.quickReply.create({ shortcut: " /Price ", title: "Price list", body: "The indicator is ₹2,999 a month." });
    expect(price).toMatchObject({ shortcut: "price", title: "Price list" });
    await manager.quickReply.create({ shortcut: "pricing-annual", title: "Annual", body: "₹24,999 a year." });

    const taken = await expectTRPCError(manager.quickReply.create({ shortcut: "PRICE", title: "Again", body: "x" }), "CONFLICT", /already a quick reply \/price/);
    expect(taken.cause).toBeDefined();
    await expectTRPCError(manager.quickReply.create({ shortcut: "two words", title: "x", body: "x" }), "BAD_REQUEST");
    await expectTRPCError(manager.quickReply.update({ id: price.id, shortcut: "pricing-annual", title: "x", body: "x" }), "CONFLICT");

    const agent = await w.as(w.agent);
    expect((await agent.quickReply.list()).map((r) => r.shortcut)).toEqual(["price", "pricing-annual"]);
    await expectTRPCError(agent.quickReply.create({ shortcut: "hi", title: "Hi", body: "Hello" }), "FORBIDDEN", /managers/);
    await expectTRPCError(agent.quickReply.delete({ id: price.id }), "FORBIDDEN");

    await manager.quickReply.update({ id: price.id, shortcut: "price", title: "Monthly price", body: "₹3,499 a month." });
    expect(await prisma.quickReply.findUniqueOrThrow({ where: { id: price.id } })).toMatchObject({ title: "Monthly price", body: "₹3,499 a month." });
    await manager.quickReply.delete({ id: price.id });
    expect((await agent.quickReply.list()).map((r) => r.shortcut)).toEqual(["pricing-annual"]);
  });

  test("another organization's quick reply cannot be edited or deleted, and is never listed", async () => {
    const w = await contactWorld();
    const bOwner = await w.as(w.b.owner, w.b.organization.id);
    const theirs = await bOwner.quickReply.create({ shortcut: "secret", title: "B only", body: "Org B's text" });
    const owner = await w.as(w.owner);
    await expectTRPCError(owner.quickReply.update({ id: theirs.id, shortcut: "mine", title: "x", body: "x" }), "NOT_FOUND");
    await expectTRPCError(owner.quickReply.delete({ id: theirs.id }), "NOT_FOUND");
    expect(await owner.quickReply.list()).toEqual([]);
    expect(await prisma.quickReply.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ shortcut: "secret", body: "Org B's text" });
    // The same shortcut is free in another organization.
    expect((await owner.quickReply.create({ shortcut: "secret", title: "A's", body: "A" })).shortcut).toBe("secret");
  });

  test("the composer matches what follows the slash, shortest shortcut first", () => {
    const replies = [{ shortcut: "pricing-annual" }, { shortcut: "price" }, { shortcut: "hello" }];
    expect(matchQuickReplies(replies, "/pr").map((r) => r.shortcut)).toEqual(["price", "pricing-annual"]);
    expect(matchQuickReplies(replies, "/").map((r) => r.shortcut)).toEqual(["hello", "price", "pricing-annual"]);
    expect(matchQuickReplies(replies, "/x")).toEqual([]);
  });
});
