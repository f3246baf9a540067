// The organization settings page over real requests: the time zone form works without JavaScript.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { createOrganization } from "../../prisma/factories";
import { action as settingsAction, loader as settingsLoader } from "./_app.settings._index";

const zoneOf = async (organizationId: string) =>
  (await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).timezone;

describe("the organization settings form (no JavaScript)", () => {
  const post = (cookie: string, fields: Record<string, string>) =>
    new Request(`${TEST_ORIGIN}/settings`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });

  test("a plain post saves the zone and redirects; a bad zone comes back with a field error and status 400", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const cookie = await signInCookie(owner, { organizationId: organization.id });
    const saved = (await settingsAction({ request: post(cookie, { timeZone: "Asia/Dubai" }), params: {}, context: {} })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/settings");
    expect(await zoneOf(organization.id)).toBe("Asia/Dubai");

    const refused = (await settingsAction({ request: post(cookie, { timeZone: "EST" }), params: {}, context: {} })) as Response;
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("Choose a time zone by its place name");
    expect(await zoneOf(organization.id)).toBe("Asia/Dubai");

    const page = (await settingsLoader({
      request: new Request(`${TEST_ORIGIN}/settings`, { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;
    const data = (await page.json()) as { zones: string[]; manage: boolean };
    expect(data.manage).toBe(true);
    expect(data.zones.slice(0, 2)).toEqual(["Asia/Dubai", "Asia/Kolkata"]);
    expect(data.zones).toContain("America/New_York");
  });
});
