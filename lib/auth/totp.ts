import "server-only";
import { Secret, TOTP } from "otpauth";

// Time-based one-time passwords (RFC 6238) as every authenticator app makes them: SHA-1,
// six digits, 30-second steps. A code is accepted for the step before and after the server's
// (clocks drift and people type slowly) but only for a step later than the last one accepted
// for that user, so a code seen over someone's shoulder cannot be used again in its window.

const ISSUER = "Pre-Work";
const PERIOD = 30;
const DIGITS = 6;
/** Steps either side of now a code may come from. */
const WINDOW = 1;

function totp(secret: string, label = ""): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` address the QR code carries. */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** The secret in groups of four, for typing it into an app by hand. */
export function secretGroups(secret: string): string[] {
  return secret.match(/.{1,4}/g) ?? [];
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD);
}

/** The time step whose code `code` is, within the window around `now`, or null when it matches none. */
export function matchingStep(secret: string, code: string, now = new Date()): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : totpStep(now) + delta;
}

/** A step may be used once, and only after every step used before it. */
export function isFreshStep(step: number, lastUsedStep: number | undefined): boolean {
  return lastUsedStep === undefined || step > lastUsedStep;
}

/** The code of a step (tests, and nothing else, compute codes). */
export function codeAt(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}
