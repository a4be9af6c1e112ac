import "server-only";
import QRCode from "qrcode";
import { type AuditContext } from "@/lib/db/audit";
import { enrolSecondFactor, getSecondFactor, ProofRefused, removeSecondFactor, replaceRecoveryCodes } from "@/lib/db/credentials";
import { ConflictError, ForbiddenError, ThrottledError, ValidationError } from "@/lib/errors";
import { type SecondFactor, WRONG_SECOND_FACTOR } from "@/lib/validation/mfa";
import type { User } from "@/lib/validation/users";
import { newRecoveryCodes, storedRecoveryCodeHash } from "./recovery-codes";
import { mustHaveSecondFactor } from "./mfa-policy";
import type { RequestContext } from "./request-context";
import { proofOf, totpSecretContext } from "./second-factor";
import { open, seal } from "./secret-box";
import { openSignInThrottle } from "./throttle";
import { matchingStep, newTotpSecret, secretGroups, totpUri } from "./totp";

// Two-factor authentication from the account page: enrolling an authenticator app, new
// recovery codes, turning it off. The pending secret of an enrolment is not stored: it goes to
// the browser sealed (lib/auth/secret-box.ts, bound to the user) and comes back with the
// confirming code, so starting an enrolment writes nothing and an abandoned one leaves nothing.

/** How long a shown QR code stays good for confirming. */
const ENROLMENT_MINUTES = 30;
const WRONG_CODE = "That code is not right. Check the time on your phone and try again.";

const THROTTLED = "Too many wrong codes. Wait a few minutes and try again.";

const enrolmentContext = (userId: string) => `totp-enrolment:${userId}`;

export interface PendingEnrolment {
  /** Sealed secret and expiry, sent back by the confirming form. */
  enrolment: string;
  /** The secret in groups of four, for typing. */
  secretGroups: string[];
  /** The QR code of the otpauth:// address, as an SVG data URL rendered on the server. */
  qrCode: string;
}

export async function startEnrolment(user: User, now = new Date()): Promise<PendingEnrolment> {
  const secret = newTotpSecret();
  const expiresAt = now.getTime() + ENROLMENT_MINUTES * 60_000;
  const svg = await QRCode.toString(totpUri(secret, user.email), { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  return {
    enrolment: seal(JSON.stringify({ secret, expiresAt }), enrolmentContext(user.id)),
    secretGroups: secretGroups(secret),
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

function pendingSecret(user: User, enrolment: string, now: Date): string | null {
  const opened = open(enrolment, enrolmentContext(user.id));
  if (!opened) return null;
  const { secret, expiresAt } = JSON.parse(opened) as { secret: string; expiresAt: number };
  return expiresAt > now.getTime() ? secret : null;
}

/** Codes tried on the account page count in the same bucket as at sign-in: a stolen session gets no more guesses. */
async function throttled<T>(user: User, ctx: RequestContext, now: Date, attempt: () => Promise<T | null>, wrong: string): Promise<T> {
  const throttle = await openSignInThrottle("second factor", user.email, ctx.ipAddress, now);
  if (throttle.over) {
    await throttle.refuse();
    throw new ThrottledError(THROTTLED);
  }
  const result = await attempt();
  if (result === null) {
    await throttle.count();
    throw new ValidationError(wrong, { code: [wrong] });
  }
  return result;
}

/** Confirms an enrolment with a code from the new secret; returns the recovery codes, shown this once. */
export async function confirmEnrolment(user: User, enrolment: string, code: string, ctx: RequestContext, audit: AuditContext, now = new Date()): Promise<string[]> {
  const secret = pendingSecret(user, enrolment, now);
  if (!secret) throw new ValidationError("This setup has expired. Start again to get a new QR code.");
  return throttled(
    user,
    ctx,
    now,
    async () => {
      const step = matchingStep(secret, code, now);
      if (step === null) return null;
      const codes = newRecoveryCodes();
      try {
        await enrolSecondFactor(
          user.id,
          { totpSecretBox: seal(secret, totpSecretContext(user.id)), confirmedStep: step, recoveryCodeHashes: codes.map(storedRecoveryCodeHash) },
          audit,
          now,
        );
      } catch (error) {
        if (error instanceof ProofRefused) throw new ConflictError("Two-factor authentication is already on for your account.");
        throw error;
      }
      return codes;
    },
    WRONG_CODE,
  );
}

async function withProof<T>(user: User, factor: SecondFactor, ctx: RequestContext, now: Date, change: (proof: NonNullable<ReturnType<typeof proofOf>>) => Promise<T>): Promise<T> {
  const stored = await getSecondFactor(user.id);
  if (!stored) throw new ConflictError("Two-factor authentication is not on for your account.");
  return throttled(
    user,
    ctx,
    now,
    async () => {
      const proof = proofOf(user.id, stored, factor, now);
      if (!proof) return null;
      try {
        return await change(proof);
      } catch (error) {
        // Another request spent the same code first: as wrong as a wrong code.
        if (error instanceof ProofRefused) return null;
        throw error;
      }
    },
    WRONG_SECOND_FACTOR,
  );
}

/** Turns two-factor authentication off, proved by a current code or a recovery code. */
export async function disableSecondFactor(user: User, factor: SecondFactor, ctx: RequestContext, audit: AuditContext, now = new Date()): Promise<void> {
  if (mustHaveSecondFactor(user.role)) throw new ForbiddenError("Your role requires two-factor authentication, so it cannot be turned off.");
  await withProof(user, factor, ctx, now, async (proof) => {
    await removeSecondFactor(user.id, proof, audit, now);
    return true;
  });
}

/** Replaces every recovery code; returns the new ones, shown this once. */
export async function regenerateRecoveryCodes(user: User, factor: SecondFactor, ctx: RequestContext, audit: AuditContext, now = new Date()): Promise<string[]> {
  return withProof(user, factor, ctx, now, async (proof) => {
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(user.id, proof, codes.map(storedRecoveryCodeHash), audit, now);
    return codes;
  });
}

/** What the account page shows: on since when, and how many recovery codes are left. */
export async function secondFactorStatus(userId: string): Promise<{ enrolledAt: string; recoveryCodesLeft: number } | null> {
  const stored = await getSecondFactor(userId);
  return stored ? { enrolledAt: stored.enrolledAt, recoveryCodesLeft: stored.recoveryCodeHashes.size } : null;
}
