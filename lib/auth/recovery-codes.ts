import "server-only";
import { createHmac, randomInt } from "node:crypto";
import { derivedKeys } from "./secret-box";

// Recovery codes: ten random codes shown once, each good for one use in place of the
// authenticator. Only keyed hashes are stored. A password needs a slow hash (argon2) because
// people choose guessable ones; these are 50 random bits each, so guessing is hopeless online
// (sign-in throttling) and, without the key, offline too: a fast HMAC-SHA-256 is enough and
// keeps a check to microseconds. The key comes from the MFA key (lib/auth/secret-box.ts); a
// code is hashed under every known key so codes made before a rotation still work.

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 alphabet (no i, l, o, u): nothing to misread between 1 and l or 0 and o.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 10;

/** A code as shown: `abcde-12345`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/** Lower case without the dash or spaces: how a code is hashed, whatever way it was typed. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toLowerCase();
}

/** The hash under each known key, the current key's first (it is the one stored for new codes). */
export function recoveryCodeHashes(code: string): string[] {
  const normalized = normalizeRecoveryCode(code);
  return derivedKeys("recovery codes").map((key) => createHmac("sha256", key).update(normalized).digest("base64url"));
}

/** The hash to store for a new code (under the current key). */
export function storedRecoveryCodeHash(code: string): string {
  return recoveryCodeHashes(code)[0]!;
}

/** The stored hash `code` matches, or null. */
export function findRecoveryCode(code: string, stored: ReadonlySet<string>): string | null {
  return recoveryCodeHashes(code).find((hash) => stored.has(hash)) ?? null;
}
