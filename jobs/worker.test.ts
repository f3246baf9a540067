import { describe, expect, test, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { createInvitation } from "~/models/invitation.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { createOrganization } from "../prisma/factories";
import { startWorker } from "./worker";
import { waitFor } from "~/testing/wait-for";

const BASE_URL = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");

describe("startWorker", () => {
  test("starts, records a heartbeat, runs a queued invitation_send job, and removes the heartbeat on stop", async () => {
    const worker = await startWorker({ concurrency: 2 });
    try {
      const heartbeat = await prisma.workerHeartbeat.findUnique({ where: { workerId: worker.workerId } });
      expect(heartbeat).toMatchObject({ workerId: worker.workerId, pid: process.pid });
      expect(heartbeat!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(heartbeat!.startedAt.getTime());

      const { organization, owner } = await createOrganization(prisma);
      const token = randomToken();
      const invitation = await createInvitation(prisma, {
        organizationId: organization.id,
        email: "worker-invitee@example.com",
        role: "AGENT",
        tokenHash: sha256Hex(token),
        invitedById: owner.id,
      });
      await enqueueJob(prisma, "invitation_send", { invitationId: invitation.id, token }, {
        jobKey: jobKey("invitation_send", invitation.id),
      });

      const rows = await waitFor(
        () => prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } }),
        (found) => found.length > 0,
        "the invitation email in the outbox",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ channel: "EMAIL", toAddress: "worker-invitee@example.com" });
      expect(rows[0]!.body).toContain(`${BASE_URL}/invite/${token}`);

      // A finished job leaves the queue.
      await waitFor(
        () => prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${jobKey("invitation_send", invitation.id)}`,
        (result) => result[0]!.n === 0,
        "the job to leave the queue",
      );
    } finally {
      await worker.stop();
    }
    expect(await prisma.workerHeartbeat.findUnique({ where: { workerId: worker.workerId } })).toBeNull();
    // Stopping twice is harmless.
    await worker.stop();
  });

  test("a job with a malformed payload fails and stays queued for a retry, with its error recorded", async () => {
    // The worker reports the failure on stderr; keep the test output readable.
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    const worker = await startWorker({ concurrency: 1 });
    try {
      await prisma.$executeRaw`SELECT graphile_worker.add_job('invitation_send', '{"invitationId":"nope"}'::json, job_key => 'invitation_send:malformed')`;
      const [job] = await waitFor(
        () =>
          prisma.$queryRaw<{ attempts: number; last_error: string | null }[]>`
            SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = 'invitation_send:malformed'`,
        (result) => result.length === 1 && result[0]!.attempts >= 1 && result[0]!.last_error !== null,
        "the malformed job to fail",
      );
      expect(job!.last_error).toMatch(/invitationId|token/);
    } finally {
      await worker.stop();
      stderr.mockRestore();
    }
  });
});
