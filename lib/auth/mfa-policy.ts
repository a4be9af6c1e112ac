import "server-only";
import type { SignedIn } from "@/lib/db/sessions";
import { env } from "@/lib/env";

// MFA_REQUIRED_ROLES (lib/env.ts): a signed-in user of such a role without a second factor may
// only set one up. Pages send them to the setup page (requireUser in lib/auth/current-user.ts),
// server actions refuse them (lib/actions/safe-action.ts), and export routes see no user. The
// check is on the user as read on every request, so a role change or a reset applies at once.

export const SECOND_FACTOR_SETUP_PATH = "/account/security";
export const SECOND_FACTOR_DUE = "Your role requires two-factor authentication. Set it up under Security first.";

export function mustHaveSecondFactor(role: SignedIn["user"]["role"]): boolean {
  return env().MFA_REQUIRED_ROLES.includes(role);
}

/** True when the user must set up a second factor before anything else. */
export function isSecondFactorDue(signedIn: SignedIn): boolean {
  return mustHaveSecondFactor(signedIn.user.role) && signedIn.hasSecondFactor !== true;
}
