"use server";
import { requestOrigin } from "@/lib/auth/request-context";
import { issuePasswordReset } from "@/lib/db/invites";
import { userIdSchema } from "@/lib/validation/users";
import { action } from "../safe-action";
import { loadSubject } from "./load-subject";

/** A fresh one-time set-password link; any earlier link for the user stops working. */
export const issuePasswordResetAction = action(userIdSchema, async ({ id }, { user, audit }) => {
  await loadSubject(user, id, "users.edit");
  const link = await issuePasswordReset(id, audit);
  return { inviteUrl: `${await requestOrigin()}/invite/${link.token}`, expiresAt: link.expiresAt };
});
