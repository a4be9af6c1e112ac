import "server-only";
import { type Permission, can } from "@/lib/auth/permissions";
import { getUser, type User } from "@/lib/db/users";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

/**
 * The user an action is about, read fresh, if the actor holds the permission over them. A user
 * the actor may not see is reported as not found, so ids cannot be probed.
 */
export async function loadSubject(actor: User, id: string, permission: Permission): Promise<User> {
  const subject = await getUser(id, { consistent: true });
  if (!subject || !can(actor, "users.view", subject)) throw new NotFoundError("This user does not exist.");
  if (!can(actor, permission, subject)) throw new ForbiddenError();
  return subject;
}
