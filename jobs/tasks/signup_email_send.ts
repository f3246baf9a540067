import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { sendSignUpEmail } from "~/services/sign-up.server";
import { prisma } from "~/utils/db.server";

/** Emails a sign-up request its link (or, for an address with an account, says so); nothing if it expired. */
const signupEmailSend: Task = async (payload) => {
  const { signUpRequestId, token } = taskPayloadSchemas.signup_email_send.parse(payload);
  await sendSignUpEmail(prisma, { signUpRequestId, token });
};

export default signupEmailSend;
