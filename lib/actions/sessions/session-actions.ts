"use server";
import { revalidatePath } from "next/cache";
import { revokeAllSessions, revokeSession } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { revokeAllSessionsSchema, revokeSessionSchema } from "@/lib/validation/sessions";
import { userSubject } from "@/lib/auth/subjects";
import { action } from "../safe-action";

function revalidateSessionPages(userId: string) {
  revalidatePath("/account/sessions");
  revalidatePath(`/admin/users/${userId}`);
}

/** Ends one session of a user the caller may manage (their own included). */
export const revokeSessionAction = action(revokeSessionSchema, async ({ userId, sessionId }, { user, session, audit }) => {
  await userSubject(user, userId, "sessions.manage", "users.view");
  if (sessionId === session.id) throw new AppError("This is the session you are using: sign out instead.");
  await revokeSession(userId, sessionId, audit);
  revalidateSessionPages(userId);
  return { revoked: 1 };
});

/**
 * Signs a user out everywhere. For oneself it is "sign out of all other sessions": the session
 * asking stays, moved past the revocation in the same transaction.
 */
export const revokeAllSessionsAction = action(revokeAllSessionsSchema, async ({ userId }, { user, session, audit }) => {
  await userSubject(user, userId, "sessions.manage", "users.view");
  const revoked = await revokeAllSessions(userId, audit, userId === user.id ? { keep: session } : {});
  revalidateSessionPages(userId);
  return { revoked };
});
