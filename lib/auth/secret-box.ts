import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Authenticated encryption (AES-256-GCM) for the few secrets the server must read back: a TOTP
// secret at rest, and the pending enrolment handed to the browser until it is confirmed. Each
// box is bound to a purpose and an owner (the associated data), so a box cut from one user's
// item and pasted into another's, or from an enrolment into a credential, fails to open.
//
// A box names its key by a short id, so keys can rotate: boxes are sealed with
// MFA_ENCRYPTION_KEY and opened with it or any of MFA_PREVIOUS_ENCRYPTION_KEYS (lib/env.ts).
// Without MFA_ENCRYPTION_KEY the key is derived from AUTH_SECRET by HKDF under a label of its
// own, so it is never the key Auth.js encrypts cookies with.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Key {
  id: string;
  bytes: Buffer;
}

function keyOf(bytes: Buffer): Key {
  return { id: createHash("sha256").update(bytes).digest("base64url").slice(0, 8), bytes };
}

/** The key that seals, then the previous keys that may still open. */
export function mfaKeys(): Key[] {
  const { MFA_ENCRYPTION_KEY, MFA_PREVIOUS_ENCRYPTION_KEYS, AUTH_SECRET } = env();
  const current = MFA_ENCRYPTION_KEY
    ? Buffer.from(MFA_ENCRYPTION_KEY, "base64")
    : Buffer.from(hkdfSync("sha256", AUTH_SECRET, "", "prework mfa secret-box v1", 32));
  return [keyOf(current), ...MFA_PREVIOUS_ENCRYPTION_KEYS.map((k) => keyOf(Buffer.from(k, "base64")))];
}

/** A key for `purpose` derived from each MFA key, in the same order (for keyed hashes). */
export function derivedKeys(purpose: string): Buffer[] {
  return mfaKeys().map((key) => createHmac("sha256", key.bytes).update(`prework mfa ${purpose}`).digest());
}

/** `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url parts. */
export function seal(plaintext: string, context: string): string {
  const key = mfaKeys()[0]!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, key.id, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The plaintext, or null when the box is malformed, tampered with, sealed for another context or by a key no longer known. */
export function open(box: string, context: string): string | null {
  const [version, keyId, iv, ciphertext, tag, ...rest] = box.split(".");
  if (version !== VERSION || !keyId || !iv || ciphertext === undefined || !tag || rest.length > 0) return null;
  const key = mfaKeys().find((k) => k.id === keyId);
  if (!key) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
