"use server";
import { requestOrigin } from "@/lib/auth/request-context";
import { userSubject } from "@/lib/auth/subjects";
import { resendInvite } from "@/lib/db/invites";
import { sendInviteEmail } from "@/lib/email/invite-email";
import { userIdSchema } from "@/lib/validation/users";
import { action } from "../safe-action";

/** A new invitation for someone who has not set a password yet; the earlier link stops working. */
export const resendInviteAction = action(userIdSchema, async ({ id }, { user, audit }) => {
  const subject = await userSubject(user, id, "users.edit", "users.view");
  const link = await resendInvite(id, audit);
  const inviteUrl = `${await requestOrigin()}/invite/${link.token}`;
  // After the commit: a mail that fails leaves the new link, shown to whoever resent it.
  const emailed = await sendInviteEmail({ to: subject.email, name: subject.name, url: inviteUrl, expiresAt: link.expiresAt, kind: "invite", inviterName: user.name });
  return { inviteUrl, expiresAt: link.expiresAt, emailed };
});
