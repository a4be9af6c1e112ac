import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getUser, type User } from "@/lib/db/users";
import { auth } from "./auth";
import { can, type Permission, type Subject } from "./permissions";
import { signInPathFor } from "./return-path";

/**
 * The signed-in user as DynamoDB has them now, read once per request (React's cache dedupes
 * it). A deactivated or deleted account counts as signed out on its very next request.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  // Strongly consistent: a deactivation must be seen by the next request, not a second later.
  const user = await getUser(id, { consistent: true });
  return user?.isActive ? user : null;
});

/** For pages: the current user, or a redirect to sign-in. */
export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPathFor(await headers()));
  return user;
}

/** For pages: the current user if they hold the permission, otherwise the 403 page. */
export async function requirePermission(permission: Permission, subject?: Subject): Promise<User> {
  const user = await requireUser();
  if (!can(user, permission, subject)) forbidden();
  return user;
}
