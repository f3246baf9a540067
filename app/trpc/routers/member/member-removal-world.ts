// A team where one agent is about to leave, holding contacts, deals (one without a contact) and
// follow-ups (pending and done), and also belonging to a second organization.
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { addMember, createContact, createOrganization } from "../../../../prisma/factories";
import { createFollowUp } from "../../../../prisma/factories-contact";
import { createDeal } from "../../../../prisma/factories-deals";

const DAY = 24 * 60 * 60 * 1000;

export async function team() {
  const { organization, owner } = await createOrganization(prisma, { name: "Leaving Org", owner: { name: "Neha Owner" } });
  const organizationId = organization.id;
  const leaver = await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Aisha Leaves" } });
  const colleague = await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Rohit Stays" } });
  const viewer = await addMember(prisma, { organizationId, role: "VIEWER", user: { name: "Vikram Viewer" } });
  const owned = await createContact(prisma, { organizationId, ownerId: leaver.user.id, name: "Owned One" });
  const alsoOwned = await createContact(prisma, { organizationId, ownerId: leaver.user.id, name: "Owned Two" });
  const colleagues = await createContact(prisma, { organizationId, ownerId: colleague.user.id, name: "Rohit's Contact" });
  const deal = await createDeal(prisma, { organizationId, contactId: colleagues.id, ownerId: leaver.user.id, title: "Leaver's deal" });
  const looseDeal = await createDeal(prisma, { organizationId, contactId: null, ownerId: leaver.user.id, title: "No contact" });
  const due = new Date(Date.now() + DAY);
  const pending = await createFollowUp(prisma, { organizationId, contactId: owned.id, assigneeId: leaver.user.id, dueAt: due });
  const pendingElsewhere = await createFollowUp(prisma, { organizationId, contactId: colleagues.id, assigneeId: leaver.user.id, dueAt: due });
  const done = await createFollowUp(prisma, { organizationId, contactId: owned.id, assigneeId: leaver.user.id, dueAt: due, status: "DONE" });
  // The same person in another organization keeps everything there.
  const other = await createOrganization(prisma);
  await prisma.membership.create({ data: { organizationId: other.organization.id, userId: leaver.user.id, role: "AGENT" } });
  const theirsElsewhere = await createContact(prisma, { organizationId: other.organization.id, ownerId: leaver.user.id });
  const { caller } = await callerFor(owner, { organizationId });
  return {
    organizationId, owner, leaver, colleague, viewer, owned, alsoOwned, colleagues, deal, looseDeal,
    pending, pendingElsewhere, done, other, theirsElsewhere, caller,
  };
}

export type Team = Awaited<ReturnType<typeof team>>;
