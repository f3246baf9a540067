// The /settings/forms page over real requests: tenant isolation and roles.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signInCookie, TEST_ORIGIN } from "~/testing/caller";
import { addMember, createOrganization } from "../../prisma/factories";
import { createWebForm } from "../../prisma/factories-imports";
import { action as settingsAction, loader as settingsLoader } from "./_app.settings.forms";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const viewer = await addMember(prisma, { organizationId: organization.id, role: "VIEWER" });
  return { organization, owner, viewer };
}

describe("/settings/forms", () => {
  test("the /settings/forms page: B's form ids posted from A change nothing, and A's list shows nothing of B's", async () => {
    const a = await team();
    const b = await team();
    const bForm = await createWebForm(prisma, { organizationId: b.organization.id, name: "B secret form" });
    const cookie = await signInCookie(a.owner, { organizationId: a.organization.id });
    const posts: Array<Record<string, string>> = [
      { intent: "setEnabled", id: bForm.id, enabled: "false" },
      { intent: "regenerateKey", id: bForm.id },
    ];
    const formPost = (fields: Record<string, string>) =>
      new Request(`${TEST_ORIGIN}/settings/forms`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
    const origins = (await settingsAction({
      request: formPost({ intent: "setAllowedOrigins", id: bForm.id, allowedOrigins: "https://a.example" }),
      params: {},
      context: {},
    })) as Response;
    expect(origins.status).toBe(404);
    expect(JSON.stringify(await origins.json())).not.toContain(bForm.key);
    for (const fields of posts) {
      const request = new Request(`${TEST_ORIGIN}/settings/forms`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
      // Another organization's form is "not found", like on every other page (the route's error boundary shows it).
      const thrown: unknown = await settingsAction({ request, params: {}, context: {} }).then(
        () => null,
        (refusal: unknown) => refusal,
      );
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
      expect(JSON.stringify(await (thrown as Response).json())).not.toContain(bForm.key);
    }
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: bForm.id } })).toEqual(bForm);
    const page = (await settingsLoader({ request: new Request(`${TEST_ORIGIN}/settings/forms`, { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
    expect(await page.text()).not.toMatch(new RegExp(`B secret form|${bForm.key}`));
    const viewerCookie = await signInCookie(a.viewer.user, { organizationId: a.organization.id });
    const viewerPage = (await settingsLoader({ request: new Request(`${TEST_ORIGIN}/settings/forms`, { headers: { Cookie: viewerCookie } }), params: {}, context: {} })) as Response;
    expect(await viewerPage.json()).toEqual({ forms: null });
  });

  test("allowed websites: saved with a message; a bad entry comes back to its form with a field error (400)", async () => {
    const { organization, owner } = await team();
    const form = await createWebForm(prisma, { organizationId: organization.id, name: "Trial" });
    const cookie = await signInCookie(owner, { organizationId: organization.id });
    const submit = (allowedOrigins: string) =>
      settingsAction({
        request: new Request(`${TEST_ORIGIN}/settings/forms`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "setAllowedOrigins", id: form.id, allowedOrigins }),
        }),
        params: {},
        context: {},
      }) as Promise<Response>;

    const bad = await submit("https://shop.example.in\nshop.example.in/contact");
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error.allowedOrigins).toEqual(['"shop.example.in/contact" isn\'t a website address. Write it like https://www.example.in (no path).']);
    expect(reply.initialValue).toMatchObject({ intent: "setAllowedOrigins", id: form.id, allowedOrigins: "https://shop.example.in\nshop.example.in/contact" });
    expect((await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).allowedOrigins).toEqual([]);

    const saved = await submit("https://shop.example.in");
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/settings/forms");
    expect((await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).allowedOrigins).toEqual(["https://shop.example.in"]);
  });

  test("what visitors see after sending: saved with a message; a redirect without its address comes back with a field error (400); B's form is 404", async () => {
    const a = await team();
    const b = await team();
    const form = await createWebForm(prisma, { organizationId: a.organization.id, name: "Trial" });
    const bForm = await createWebForm(prisma, { organizationId: b.organization.id, name: "B form" });
    const cookie = await signInCookie(a.owner, { organizationId: a.organization.id });
    const submit = (fields: Record<string, string>) =>
      settingsAction({
        request: new Request(`${TEST_ORIGIN}/settings/forms`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "setAfterSubmit", ...fields }),
        }),
        params: {},
        context: {},
      }) as Promise<Response>;

    const bad = await submit({ id: form.id, afterSubmit: "REDIRECT", redirectUrl: "" });
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { error: Record<string, string[]> };
    expect(reply.error.redirectUrl).toEqual(["Enter the address to send visitors to"]);
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).toMatchObject({ afterSubmit: "THANK_YOU_PAGE", redirectUrl: null });

    const saved = await submit({ id: form.id, afterSubmit: "BACK_TO_PAGE", redirectUrl: "" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/settings/forms");
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: form.id } })).toMatchObject({ afterSubmit: "BACK_TO_PAGE" });

    const other = await submit({ id: bForm.id, afterSubmit: "REDIRECT", redirectUrl: "https://a.example/thanks" });
    expect(other.status).toBe(404);
    expect(JSON.stringify(await other.json())).not.toContain(bForm.key);
    expect(await prisma.webForm.findUniqueOrThrow({ where: { id: bForm.id } })).toEqual(bForm);
  });
});
