import { getEnv } from "~/utils/env.server";

// Outside production a fixed development secret keeps `npm run dev` working with
// no configuration; production refuses to start without SESSION_SECRET.
const DEVELOPMENT_SECRET = "leadlane-development-secret-not-for-production";

export function cookieSecrets(): string[] {
  const secret = getEnv().SESSION_SECRET;
  return [secret ?? DEVELOPMENT_SECRET];
}

export function isProduction(): boolean {
  return getEnv().NODE_ENV === "production";
}
