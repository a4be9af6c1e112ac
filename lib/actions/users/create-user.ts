"use server";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { can, grantableRoles } from "@/lib/auth/permissions";
import { requestOrigin } from "@/lib/auth/request-context";
import { newInvite } from "@/lib/db/invites";
import { sendInviteEmail } from "@/lib/email/invite-email";
import { createUser } from "@/lib/db/users";
import { ForbiddenError } from "@/lib/errors";
import { createUserSchema } from "@/lib/validation/users";
import { action } from "../safe-action";

/** Creates the account with a one-time set-password link, both in the user's transaction. */
export const createUserAction = action(createUserSchema, async (input, { user, audit }) => {
  if (!can(user, "users.create", { id: "new", role: input.role }) || !grantableRoles(user).includes(input.role)) {
    throw new ForbiddenError("You may not create a user with this role.");
  }
  // The id is chosen here so the invite can name it before the user exists.
  const id = randomUUID();
  const invite = newInvite(id, "invite");
  const created = await createUser(input, audit, { id, invite: invite.put, inviteExpiresAt: invite.expiresAt });
  revalidatePath("/admin/users");
  const inviteUrl = `${await requestOrigin()}/invite/${invite.token}`;
  // After the commit: a mail that fails leaves the account and the link (shown to the inviter).
  const emailed = await sendInviteEmail({ to: created.email, name: created.name, url: inviteUrl, expiresAt: invite.expiresAt, kind: "invite", inviterName: user.name });
  return { user: created, inviteUrl, expiresAt: invite.expiresAt, emailed };
});
