import "server-only";
import type { Proof, SecondFactorRecord } from "@/lib/db/credentials";
import type { SecondFactor } from "@/lib/validation/mfa";
import { findRecoveryCode } from "./recovery-codes";
import { open } from "./secret-box";
import { isFreshStep, matchingStep } from "./totp";

// The one check of a second factor, for signing in and for the account changes that need one
// (turning it off, new recovery codes). It only reads: the proof it returns is spent by the
// caller's transaction, conditionally, which is what stops two requests with one code.

/** The associated data a user's TOTP secret is sealed under (lib/auth/secret-box.ts). */
export const totpSecretContext = (userId: string) => `totp-secret:${userId}`;

/** The proof `factor` gives for `userId`'s stored second factor, or null when it gives none. */
export function proofOf(userId: string, stored: SecondFactorRecord, factor: SecondFactor, now = new Date()): Proof | null {
  if (factor.method === "recovery_code") {
    const hash = findRecoveryCode(factor.code, stored.recoveryCodeHashes);
    return hash ? { method: "recovery_code", hash } : null;
  }
  const secret = open(stored.totpSecretBox, totpSecretContext(userId));
  // A secret no configured key opens (a key retired too soon) matches no code: the person
  // can still use a recovery code, and an administrator can reset the factor.
  if (secret === null) {
    console.error(`TOTP secret of ${userId} cannot be opened with the configured MFA keys`);
    return null;
  }
  const step = matchingStep(secret, factor.code, now);
  return step !== null && isFreshStep(step, stored.lastUsedStep) ? { method: "totp", step } : null;
}
