// The address providers reach this app at, for the webhook URLs an admin pastes into their consoles:
// APP_URL when set (it must be in production), else the origin the page was opened on (development).
import { appUrl, getEnv } from "~/utils/env.server";

export function publicBaseUrl(request: Request): string {
  const env = getEnv();
  if (env.APP_URL) return appUrl(env);
  return new URL(request.url).origin;
}
