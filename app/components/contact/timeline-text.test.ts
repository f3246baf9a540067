import { describe, expect, test } from "vitest";
import { describeEvent } from "~/components/contact/timeline-text";
import { countOf } from "~/utils/format";

describe("countOf", () => {
  test("one is singular, everything else plural, with Indian digit grouping", () => {
    expect(countOf(1, "note")).toBe("1 note");
    expect(countOf(0, "note")).toBe("0 notes");
    expect(countOf(2, "form submission")).toBe("2 form submissions");
    expect(countOf(125000, "contact")).toBe("1,25,000 contacts");
    expect(countOf(3, "person", "people")).toBe("3 people");
  });
});

describe("the merge entry on the timeline", () => {
  const merged = (moved: Record<string, number>) =>
    describeEvent({
      id: "e1",
      type: "MERGED",
      createdAt: "2026-11-22T10:00:00Z",
      actor: { id: "u1", name: "Aisha Khan" },
      actorLabel: null,
      data: { duplicate: { name: "Kavya I", phone: "+447911123456" }, moved },
    });

  test("says what moved with each count in the right number", () => {
    expect(merged({ events: 2, submissions: 1, notes: 1, followUps: 0, deals: 3, tags: 1 }).details).toEqual([
      "Moved 2 timeline events, 1 note, 3 deals, 1 form submission, 1 tag",
    ]);
    expect(merged({ events: 1, followUps: 2 }).details).toEqual(["Moved 1 timeline event, 2 follow-ups"]);
    expect(merged({}).details).toEqual([]);
  });

  test("says which values came from the merged contact and the phones and emails kept as secondary", () => {
    const event = describeEvent({
      id: "e1",
      type: "MERGED",
      createdAt: "2026-11-22T10:00:00Z",
      actor: { id: "u1", name: "Aisha Khan" },
      actorLabel: null,
      data: {
        duplicate: { name: "Kavya I", phone: "+447911123456" },
        moved: {},
        filled: [
          { field: "email", before: null, after: "kavya@example.com" },
          { field: "stage", before: "NEW", after: "INTERESTED" },
          { field: "ownerId", before: "u1", after: "u2", afterLabel: "Rohit Verma" },
          { field: "customFields.broker", before: "Upstox", after: "Zerodha" },
        ],
        identities: [
          { kind: "PHONE", value: "+447911123456" },
          { kind: "EMAIL", value: "kavya.old@example.com" },
        ],
      },
    });
    expect(event.details).toEqual([
      "Email: — → kavya@example.com",
      "Stage: New → Interested",
      "Owner: Rohit Verma",
      "broker: Upstox → Zerodha",
      "Also reachable at +44 7911 123456, kavya.old@example.com",
    ]);
  });
});

describe("a website form submission on the timeline", () => {
  const submitted = (data: Record<string, unknown>) =>
    describeEvent({ id: "e2", type: "FORM_SUBMITTED", createdAt: "2026-11-22T10:00:00Z", actor: null, actorLabel: "Website", data });

  test("shows what the lead wrote, so the agent can read it", () => {
    const event = submitted({ formName: "Free indicator trial", message: "Is there a BankNifty version?" });
    expect(event.title).toContain("Submitted the web form Free indicator trial");
    expect(event.body).toBe("Is there a BankNifty version?");
    expect(submitted({ formName: "Free indicator trial" }).body).toBeUndefined();
  });
});

describe("a deal edit on the timeline", () => {
  test("prints close dates like every other date", () => {
    const event = describeEvent({
      id: "e3",
      type: "DEAL_UPDATED",
      createdAt: "2026-11-22T10:00:00Z",
      actor: { id: "u1", name: "Aisha Khan" },
      actorLabel: null,
      data: {
        title: "Scalper Pro yearly",
        changes: [
          { field: "expectedCloseDate", before: null, after: "2026-12-02" },
          { field: "expectedCloseDate", before: "2026-12-02", after: "2027-01-15" },
        ],
      },
    });
    expect(event.details).toEqual(["Expected close: — → 2 Dec 2026", "Expected close: 2 Dec 2026 → 15 Jan 2027"]);
  });
});

describe("a message on the timeline", () => {
  test("says the customer wrote, on which channel, with what they wrote", () => {
    const event = describeEvent({
      id: "m1",
      type: "MESSAGE_RECEIVED",
      createdAt: "2026-12-03T10:00:00Z",
      actor: null,
      actorLabel: "WhatsApp",
      data: { channel: "WHATSAPP", preview: "Price of the indicator?" },
    });
    expect(event.title).toBe("The contact wrote on WhatsApp");
    expect(event.body).toBe("Price of the indicator?");
    const email = describeEvent({ id: "m2", type: "MESSAGE_RECEIVED", createdAt: "2026-12-03T10:00:00Z", actor: null, actorLabel: null, data: { channel: "EMAIL", preview: "Hi", subject: "Pricing" } });
    expect(email.details).toEqual(["Subject: Pricing"]);
  });
});

describe("message entries on the timeline", () => {
  const sent = (data: Record<string, unknown>, actorLabel: string | null = null) =>
    describeEvent({
      id: "e2",
      type: "MESSAGE_SENT",
      createdAt: "2026-12-03T10:00:00Z",
      actor: actorLabel ? null : { id: "u1", name: "Aisha Khan" },
      actorLabel,
      data,
    });

  test("a message, a template and a note each say what they were, with the text", () => {
    expect(sent({ channel: "WHATSAPP", kind: "TEXT", preview: "Namaste!" })).toMatchObject({ title: "Aisha Khan sent a WhatsApp message", body: "Namaste!" });
    expect(sent({ channel: "SMS", kind: "TEMPLATE", templateName: "demo_ready", preview: "Hi Priya" }, "Workflow: Welcome").title).toBe(
      "Workflow: Welcome sent the SMS template demo_ready",
    );
    expect(sent({ channel: "EMAIL", kind: "NOTE", preview: "Careful" })).toMatchObject({
      title: "Aisha Khan wrote an internal note in the Email conversation",
      details: ["Not sent to the contact"],
    });
  });
});
