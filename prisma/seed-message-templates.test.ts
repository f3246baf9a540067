import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { templateSyntaxProblem, templateVariableNames } from "~/domain/conversation/message-template";
import { createOrganization } from "./factories";
import { seedMessageTemplates } from "./seed-message-templates";

test("the demo organization gets an approved WhatsApp and an approved SMS template with named variables", async () => {
  const { organization } = await createOrganization(prisma);
  await seedMessageTemplates(prisma, { organizationId: organization.id });
  const templates = await prisma.messageTemplate.findMany({ where: { organizationId: organization.id }, orderBy: { channelKind: "asc" } });
  expect(templates.map((t) => [t.channelKind, t.name, t.approvalStatus, templateVariableNames(t.body)])).toEqual([
    ["WHATSAPP", "course_follow_up", "APPROVED", ["firstName", "productName"]],
    ["SMS", "payment_reminder", "APPROVED", ["firstName", "productName"]],
  ]);
  expect(templates.map((t) => templateSyntaxProblem(t.body))).toEqual([null, null]);
  expect(templates[0]!.contentSid).toMatch(/^HX[0-9a-f]{32}$/);
});
