"use server";
import { requestOrigin } from "@/lib/auth/request-context";
import { issuePasswordReset } from "@/lib/db/invites";
import { sendInviteEmail } from "@/lib/email/invite-email";
import { userIdSchema } from "@/lib/validation/users";
import { action } from "../safe-action";
import { userSubject } from "@/lib/auth/subjects";

/** A fresh one-time set-password link; any earlier link for the user stops working. */
export const issuePasswordResetAction = action(userIdSchema, async ({ id }, { user, audit }) => {
  const subject = await userSubject(user, id, "users.edit", "users.view");
  const link = await issuePasswordReset(id, audit);
  const inviteUrl = `${await requestOrigin()}/invite/${link.token}`;
  const emailed = await sendInviteEmail({ to: subject.email, name: subject.name, url: inviteUrl, expiresAt: link.expiresAt, kind: "reset", inviterName: user.name });
  return { inviteUrl, expiresAt: link.expiresAt, emailed };
});
