import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { sendInvitationEmail } from "~/services/invitation-email.server";

/** Emails an invitation link; does nothing if the invitation was used or withdrawn meanwhile. */
const invitationSend: Task = async (payload) => {
  const { invitationId, token } = taskPayloadSchemas.invitation_send.parse(payload);
  await sendInvitationEmail({ invitationId, token });
};

export default invitationSend;
