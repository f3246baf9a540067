// A small organization for contact tests: one of each role, plus a second
// organization whose rows must never be touched.
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { addMember, createOrganization } from "../../../../prisma/factories";

export async function contactWorld() {
  const a = await createOrganization(prisma, { name: "Org A", owner: { name: "Neha Kapoor" } });
  const b = await createOrganization(prisma, { name: "Org B", owner: { name: "Bina Owner" } });
  const organizationId = a.organization.id;
  const manager = await addMember(prisma, { organizationId, role: "MANAGER", user: { name: "Priya Sharma" } });
  const agent = await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Aisha Khan" } });
  const otherAgent = await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Rohit Verma" } });
  const viewer = await addMember(prisma, { organizationId, role: "VIEWER", user: { name: "Vikram Viewer" } });
  const admin = await addMember(prisma, { organizationId, role: "ADMIN", user: { name: "Arjun Admin" } });
  const bAgent = await addMember(prisma, { organizationId: b.organization.id, role: "AGENT", user: { name: "Bob B" } });
  const as = async (user: { id: string }, org = organizationId) => (await callerFor(user, { organizationId: org })).caller;
  return {
    a,
    b,
    organizationId,
    manager: manager.user,
    agent: agent.user,
    otherAgent: otherAgent.user,
    viewer: viewer.user,
    admin: admin.user,
    bAgent: bAgent.user,
    owner: a.owner,
    as,
  };
}
