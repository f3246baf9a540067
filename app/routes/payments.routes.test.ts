// The payments page and its CSV export over real requests: the page's loader answers the list, the
// totals and the filter options, a bad filter is a 400 with a sentence and another organization's id a
// 404; the export streams the filtered payments with the organization's times and rupee amounts, and
// never another organization's.
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { routeAnswer } from "~/testing/route-requests";
import { AT, paymentWorld } from "~/trpc/routers/payment/payment-test-world";
import { loader as pageLoader } from "./_app.payments._index";
import { loader as exportLoader } from "./payments.export";

function get(path: string, cookie?: string) {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

async function csvRows(response: Response): Promise<string[][]> {
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)], "starts with a UTF-8 byte order mark for Excel").toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text).toMatch(/\r\n$/);
  return parse(text) as string[][];
}

const HEADER = [
  "Paid at (Asia/Kolkata)",
  "Contact",
  "Contact phone",
  "Contact email",
  "Product",
  "Amount",
  "Refunded",
  "Currency",
  "Status",
  "Counted in totals",
  "Needs review",
  "Method",
  "Agent email",
  "Razorpay payment id",
  "Razorpay order id",
  "Failure reason",
];

describe("GET /payments/export", () => {
  test("streams every payment as CSV, newest paid first: local times, rupees with paise, statuses as stored, the review reason", async () => {
    const w = await paymentWorld();
    const cookie = await signInCookie(w.viewer, { organizationId: w.organizationId });
    const response = await routeAnswer(exportLoader, get("/payments/export", cookie));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="payments-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = await csvRows(response);
    expect(rows[0]).toEqual(HEADER);
    const p = w.payments;
    expect(rows.slice(1).map((row) => row[13])).toEqual([p.paid, p.failed, p.partlyRefunded, p.authorized, p.flagged, p.refunded, p.unmatched].map((x) => x.providerPaymentId));
    const agentEmail = (await prisma.user.findUniqueOrThrow({ where: { id: w.agent.id } })).email;
    // 10:00 UTC is 15:30 in India.
    expect(rows[1]).toEqual([
      "2026-11-20 15:30:00",
      "Ananya Sharma",
      "+919876500011",
      "",
      "BankNifty Scalper Pro",
      "4999.00",
      "0.00",
      "INR",
      "CAPTURED",
      "yes",
      "",
      "upi",
      agentEmail,
      p.paid.providerPaymentId,
      p.paid.providerOrderId!,
      "",
    ]);
    const byId = new Map(rows.slice(1).map((row) => [row[13], row]));
    expect(byId.get(p.partlyRefunded.providerPaymentId)!.slice(5, 10)).toEqual(["9999.00", "2000.00", "INR", "PARTIALLY_REFUNDED", "yes"]);
    expect(byId.get(p.failed.providerPaymentId)!.slice(8, 10)).toEqual(["FAILED", "no"]);
    expect(byId.get(p.failed.providerPaymentId)![15]).toBe("Payment was declined by the customer's bank.");
    expect(byId.get(p.flagged.providerPaymentId)!.slice(9, 11)).toEqual(["no", "Paid ₹3,999.00, but the link or order asked for ₹4,999.00; not counted until someone checks it."]);
    expect(byId.get(p.unmatched.providerPaymentId)!.slice(1, 6)).toEqual(["", "", "", "", "1499.00"]);
  });

  test("applies the page's filter, writes times in the organization's own zone, and never another organization's payments", async () => {
    const w = await paymentWorld();
    await prisma.organization.update({ where: { id: w.organizationId }, data: { timezone: "America/New_York" } });
    const cookie = await signInCookie(w.manager, { organizationId: w.organizationId });
    const failedOrFlagged = await csvRows(await routeAnswer(exportLoader, get("/payments/export?status=FAILED&status=NEEDS_REVIEW", cookie)));
    expect(failedOrFlagged[0]![0]).toBe("Paid at (America/New_York)");
    expect(failedOrFlagged.slice(1).map((row) => [row[0], row[8], row[10] !== ""])).toEqual([
      ["2026-11-19 03:00:00", "FAILED", false],
      ["2026-11-16 01:00:00", "CAPTURED", true],
    ]);
    const ofKavya = await csvRows(await routeAnswer(exportLoader, get(`/payments/export?contact=${w.kavya.id}&from=2026-11-18&to=2026-11-19`, cookie)));
    expect(ofKavya.slice(1).map((row) => row[13])).toEqual([w.payments.failed.providerPaymentId, w.payments.partlyRefunded.providerPaymentId]);

    const everything = await (await routeAnswer(exportLoader, get("/payments/export", cookie))).text();
    expect(everything).not.toContain(w.bPayment.providerPaymentId);
    expect(everything).not.toContain("Bina Secret");
    // B's own export has B's payment only.
    const bCookie = await signInCookie(w.b.owner, { organizationId: w.b.organization.id });
    const bRows = await csvRows(await routeAnswer(exportLoader, get("/payments/export", bCookie)));
    expect(bRows.slice(1).map((row) => [row[1], row[5]])).toEqual([["Bina Secret", "7777.00"]]);
  });

  test("another organization's contact, product or agent is a 404 with no rows; a bad filter a 400 sentence; signed out goes to sign in", async () => {
    const w = await paymentWorld();
    const cookie = await signInCookie(w.manager, { organizationId: w.organizationId });
    for (const query of [`contact=${w.bContact.id}`, `product=${w.bProduct.id}`, `agent=${w.bAgent.id}`]) {
      const response = await routeAnswer(exportLoader, get(`/payments/export?${query}`, cookie));
      expect(response.status, query).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("Bina");
      expect(body).not.toContain(w.bPayment.providerPaymentId);
    }
    const bad = await routeAnswer(exportLoader, get("/payments/export?status=WON&from=2026-02-30", cookie));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await bad.text()).toBe(
      "This filter has a problem: Choose paid, partly refunded, refunded, failed, authorized, needs review or unmatched; From must be a date like 2026-11-22. Go back to the payments page and change the filter.\n",
    );
    const anonymous = await routeAnswer(exportLoader, get("/payments/export?status=FAILED"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/payments/export?status=FAILED")}`);
  });
});

describe("GET /payments", () => {
  test("answers the page, its totals and the filter options for the filter in the address", async () => {
    const w = await paymentWorld();
    const cookie = await signInCookie(w.agent, { organizationId: w.organizationId });
    const response = await routeAnswer(pageLoader, get(`/payments?status=CAPTURED&status=REFUNDED&product=${w.scalper.id}`, cookie));
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      list: { items: Array<{ id: string; paidAt: string }>; olderCursor: string | null };
      totals: Record<string, unknown>;
      options: { products: Array<{ name: string }> };
      filter: Record<string, unknown>;
    };
    expect(data.list.items.map((item) => item.id)).toEqual([w.payments.paid.id, w.payments.flagged.id, w.payments.refunded.id]);
    expect(data.list.items[0]!.paidAt).toBe(AT("2026-11-20T10:00:00.000Z").toISOString());
    expect(data.totals).toEqual({ payments: 3, counted: 2, capturedPaise: "999800", refundedPaise: "499900", netPaise: "499900" });
    expect(data.options.products.map((product) => product.name)).toEqual(["BankNifty Scalper Pro", "Nifty Options Suite"]);
    expect(data.filter).toMatchObject({ status: ["CAPTURED", "REFUNDED"], product: w.scalper.id, q: "" });
  });

  test("a bad filter or page link is a 400 with a sentence; another organization's contact is a 404", async () => {
    const w = await paymentWorld();
    const cookie = await signInCookie(w.manager, { organizationId: w.organizationId });
    const bad = await routeAnswer(pageLoader, get("/payments?status=bogus&product=scalper", cookie));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      message: "This filter has a problem: Choose paid, partly refunded, refunded, failed, authorized, needs review or unmatched; Choose one of your products.",
    });
    const backwards = await routeAnswer(pageLoader, get("/payments?to=2026-11-01&from=2026-11-02", cookie));
    expect(await backwards.json()).toEqual({ message: "This filter has a problem: The From day must not be after the To day." });
    const badCursor = await routeAnswer(pageLoader, get("/payments?after=yesterday", cookie));
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toEqual({ message: "This filter has a problem: That page link is not valid: start again from the newest." });
    const foreign = await routeAnswer(pageLoader, get(`/payments?contact=${w.bContact.id}`, cookie));
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ message: "Contact not found." });
  });
});
