import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { SignedIn } from "@/lib/db/sessions";
import type { User } from "@/lib/validation/users";
import { isSecondFactorDue, SECOND_FACTOR_SETUP_PATH } from "./mfa-policy";
import { can, type Permission, type Subject } from "./permissions";
import { signInPathFor } from "./return-path";
import { getCurrentSession } from "./session";

/**
 * The signed-in user as DynamoDB has them now (see getCurrentSession): a deactivated account
 * or an ended session counts as signed out on its very next request, and so does a user who
 * must still set up a second factor (lib/auth/mfa-policy.ts), for the route handlers that ask.
 */
export async function getCurrentUser(): Promise<User | null> {
  const signedIn = await getCurrentSession();
  return signedIn && !isSecondFactorDue(signedIn) ? signedIn.user : null;
}

export interface RequireOptions {
  /** The page is where a second factor is set up (or a layout that leaves the decision to its pages): no redirect there. */
  secondFactorSetup?: boolean;
}

/** For pages: the current user and session, or a redirect to sign-in (or to set up a second factor the role requires). */
export async function requireSession({ secondFactorSetup = false }: RequireOptions = {}): Promise<SignedIn> {
  const signedIn = await getCurrentSession();
  if (!signedIn) redirect(signInPathFor(await headers()));
  if (!secondFactorSetup && isSecondFactorDue(signedIn)) redirect(SECOND_FACTOR_SETUP_PATH);
  return signedIn;
}

/** For pages: the current user, or a redirect to sign-in (or to the second factor's setup). */
export async function requireUser(options: RequireOptions = {}): Promise<User> {
  return (await requireSession(options)).user;
}

/** For pages: the current user if they hold the permission, otherwise the 403 page. */
export async function requirePermission(permission: Permission, subject?: Subject): Promise<User> {
  const user = await requireUser();
  if (!can(user, permission, subject)) forbidden();
  return user;
}
