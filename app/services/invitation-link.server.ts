import { appUrl } from "~/utils/env.server";

export function invitationLink(token: string): string {
  return `${appUrl()}/invite/${token}`;
}
