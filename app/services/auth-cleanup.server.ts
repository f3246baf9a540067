import { prisma } from "~/utils/db.server";

export async function purgeExpiredAuthState(now = new Date()) {
  const [sessions, rateLimits, heartbeats, signUpRequests] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } }),
    prisma.workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } }),
    prisma.signUpRequest.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return { sessions: sessions.count, rateLimits: rateLimits.count, heartbeats: heartbeats.count, signUpRequests: signUpRequests.count };
}
