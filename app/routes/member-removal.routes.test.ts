// The member removal page over real requests: a plain form (no JavaScript) that hands the
// leaving member's work to the chosen colleague; another organization's member is 404.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { team } from "~/trpc/routers/member/member-removal-world";
import { addMember } from "../../prisma/factories";
import { action, loader } from "./_app.settings.members_.$membershipId.remove";

describe("the removal page (no JavaScript)", () => {
  test("a plain form post removes the member and hands over to the chosen colleague; another organization's id is 404", async () => {
    const t = await team();
    const cookie = await signInCookie(t.owner, { organizationId: t.organizationId });
    const path = `/settings/members/${t.leaver.membership.id}/remove`;
    const page = (await loader({ request: new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: cookie } }), params: { membershipId: t.leaver.membership.id }, context: {} })) as Response;
    expect((await page.json()).holdings).toEqual({ contacts: 2, deals: 2, followUps: 2 });

    const post = (membershipId: string, fields: Record<string, string>) =>
      action({
        request: new Request(`${TEST_ORIGIN}/settings/members/${membershipId}/remove`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        }),
        params: { membershipId },
        context: {},
      });
    const outsider = await addMember(prisma, { organizationId: t.other.organization.id, role: "AGENT" });
    const refused = (await post(outsider.membership.id, { reassignTo: "" })) as Response;
    expect(refused.status).toBe(404);
    expect(await prisma.membership.findUnique({ where: { id: outsider.membership.id } })).not.toBeNull();

    // The form's hidden member id can't redirect the removal: the address decides.
    const done = (await post(t.leaver.membership.id, { membershipId: t.colleague.membership.id, reassignTo: t.colleague.membership.id })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/settings/members");
    expect(await prisma.membership.findUnique({ where: { id: t.leaver.membership.id } })).toBeNull();
    expect(await prisma.membership.findUnique({ where: { id: t.colleague.membership.id } })).not.toBeNull();
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: t.owned.id } })).ownerId).toBe(t.colleague.user.id);
  });
});
