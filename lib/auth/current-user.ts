import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { User } from "@/lib/validation/users";
import { can, type Permission, type Subject } from "./permissions";
import { signInPathFor } from "./return-path";
import { getCurrentSession } from "./session";

/**
 * The signed-in user as DynamoDB has them now (see getCurrentSession): a deactivated account
 * or an ended session counts as signed out on its very next request.
 */
export async function getCurrentUser(): Promise<User | null> {
  return (await getCurrentSession())?.user ?? null;
}

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
