// The inbox on a 360-px phone: one readable column, nothing wider than the screen, rows and the
// filter form usable.
import { expect, test, trpcMutation } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";
import { createSandboxChannel, customerPhone, postInbound } from "./inbound-webhook";

test("the inbox list reads as one column at 360 px", async ({ page, owner, appURL }) => {
  void owner;
  await trpcMutation(page.request, appURL, "organization.setAutoAssign", { enabled: false });
  const whatsapp = await createSandboxChannel(page.request, appURL, { kind: "WHATSAPP", name: "A rather long WhatsApp channel name", address: "+91 98200 00041" });
  await postInbound(page.request, { ...whatsapp, address: "+919820000041" }, {
    from: customerPhone(),
    name: "Venkataraghavan Subramaniam Iyer",
    body: "Namaste! I wanted to ask about the advanced options trading course, the weekend batch, and whether EMI is possible on it.",
  });
  await expect(async () => {
    await page.goto("/inbox?view=unassigned");
    await expect(page.getByTestId("inbox-row")).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const row = page.getByTestId("inbox-row");
  await expect(row.getByRole("link", { name: "Venkataraghavan Subramaniam Iyer" })).toBeVisible();
  await expect(row.getByRole("button", { name: /Assign .* conversation/ })).toBeVisible();
  // The filter fields stack: each spans the column.
  const channel = page.getByRole("form", { name: "Filter conversations" }).getByLabel("Channel");
  const box = await channel.boundingBox();
  expect(box!.width).toBeGreaterThan(250);
  await expectNothingWiderThanViewport(page);
});
