import "server-only";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import type { AuditContext } from "@/lib/db/audit";
import { getSecondFactor } from "@/lib/db/credentials";
import {
  addPasskey,
  getPasskey,
  getPasskeyChallenge,
  listPasskeys,
  MAX_PASSKEYS,
  PASSKEY_CHALLENGE_MINUTES,
  type PasskeyChallenge,
  type PasskeyChallengePurpose,
  PasskeyConflict,
  type PasskeySummary,
  removePasskey,
  type StoredPasskey,
  storePasskeyChallenge,
} from "@/lib/db/passkeys";
import { getChallenge } from "@/lib/db/sign-in-challenges";
import { env } from "@/lib/env";
import { ConflictError, ForbiddenError, ThrottledError, ValidationError } from "@/lib/errors";
import type { User } from "@/lib/validation/users";
import { authenticationResponseSchema, type registerPasskeySchema } from "@/lib/validation/passkeys";
import { mustHaveSecondFactor } from "./mfa-policy";
import type { RequestContext } from "./request-context";
import { openPasskeyThrottle } from "./throttle";

// Passkeys (WebAuthn) with @simplewebauthn/server: registering from the account page, removing,
// and the checks the sign-in (lib/auth/sign-in.ts) runs on an assertion. Every challenge is
// stored server-side for one purpose and spent in the transaction of what it was issued for
// (lib/db/passkeys.ts). Attestation is not asked for ("none"): the app trusts the person
// holding the account, not a make of authenticator.

export { MAX_PASSKEYS };

/** Who passkeys are bound to: the id (a domain), the name browsers show, the origin they sign in at. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

/** WEBAUTHN_ORIGIN / WEBAUTHN_RP_ID (lib/env.ts), each defaulting from the app's public origin (AUTH_URL or the request's). */
export function relyingPartyFor(publicOrigin: string): RelyingParty {
  const config = env();
  const origin = config.WEBAUTHN_ORIGIN ? new URL(config.WEBAUTHN_ORIGIN).origin : new URL(publicOrigin).origin;
  return { id: config.WEBAUTHN_RP_ID ?? new URL(origin).hostname, name: config.WEBAUTHN_RP_NAME, origin };
}

const TIMEOUT_MS = PASSKEY_CHALLENGE_MINUTES * 60_000;
const EXPIRED = "This passkey setup has expired. Try again.";
const NOT_VERIFIED = "Your passkey could not be verified. Try again.";
const THROTTLED = "Too many failed attempts. Wait a few minutes and try again.";

const clientDataSchema = z.object({ challenge: z.string().max(512), type: z.string() });

/** The challenge a response answers, as the browser wrote it in clientDataJSON (verified again by the library). */
export function challengeOf(response: { response: { clientDataJSON: string } }): string | null {
  try {
    const parsed = clientDataSchema.safeParse(JSON.parse(Buffer.from(response.response.clientDataJSON, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.challenge : null;
  } catch {
    return null;
  }
}

/** The live challenge `response` answers, issued for `purpose`, or null. */
export async function answeredChallenge(response: { response: { clientDataJSON: string } }, purpose: PasskeyChallengePurpose, now = new Date()): Promise<{ value: string; stored: PasskeyChallenge } | null> {
  const value = challengeOf(response);
  const stored = value ? await getPasskeyChallenge(value, purpose, now) : null;
  return value && stored ? { value, stored } : null;
}

export const summaryOf = ({ credentialId, name, passwordless, createdAt, lastUsedAt }: StoredPasskey): PasskeySummary => ({
  credentialId,
  name,
  passwordless,
  createdAt,
  ...(lastUsedAt ? { lastUsedAt } : {}),
});

/** The account page's list. */
export async function listUserPasskeys(userId: string): Promise<PasskeySummary[]> {
  return (await listPasskeys(userId)).map(summaryOf);
}

/**
 * Options for the browser's create() call. A passwordless passkey must be discoverable (the
 * sign-in page knows nobody yet) and verify the person (it is the only factor); one for the
 * second step only asks for both where the authenticator can.
 */
export async function passkeyRegistrationOptions(user: User, rp: RelyingParty, { passwordless }: { passwordless: boolean }, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(user.id);
  if (existing.length >= MAX_PASSKEYS) throw new ConflictError(`You have ${MAX_PASSKEYS} passkeys, the most an account may have. Remove one first.`);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    // The user handle a discoverable passkey gives back: how a passwordless sign-in finds the account.
    userID: new Uint8Array(Buffer.from(user.id, "utf8")),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: passwordless ? "required" : "preferred", userVerification: passwordless ? "required" : "preferred" },
    timeout: TIMEOUT_MS,
  });
  await storePasskeyChallenge(options.challenge, "registration", { userId: user.id }, now);
  return options;
}

/** Verifies a registration and stores the passkey, its challenge spent and `passkey.registered` audited in one transaction. */
export async function registerPasskey(user: User, rp: RelyingParty, input: z.output<typeof registerPasskeySchema>, audit: AuditContext, now = new Date()): Promise<PasskeySummary> {
  const challenge = await answeredChallenge(input.response, "registration", now);
  if (!challenge || challenge.stored.userId !== user.id) throw new ValidationError(EXPIRED);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: challenge.value,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: input.passwordless,
    });
  } catch (error) {
    console.warn("passkey registration not verified", error instanceof Error ? error.message : error);
    throw new ValidationError(NOT_VERIFIED);
  }
  if (!verified.verified) throw new ValidationError(NOT_VERIFIED);
  const { credential } = verified.registrationInfo;
  const passkey: StoredPasskey = {
    userId: user.id,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ?? [],
    name: input.name,
    passwordless: input.passwordless,
    createdAt: now.toISOString(),
  };
  try {
    await addPasskey(passkey, challenge.stored, audit, now);
  } catch (error) {
    if (error instanceof PasskeyConflict) {
      if (error.reason === "exists") throw new ConflictError("This passkey is already registered.");
      if (error.reason === "limit") throw new ConflictError(`You have ${MAX_PASSKEYS} passkeys, the most an account may have. Remove one first.`);
      throw new ValidationError(EXPIRED);
    }
    throw error;
  }
  return summaryOf(passkey);
}

/**
 * Removes one of the signed-in user's own passkeys. Someone whose role requires a second
 * factor keeps at least one: the last passkey of an account without an authenticator app stays.
 */
export async function removeUserPasskey(user: User, credentialId: string, audit: AuditContext, now = new Date()): Promise<void> {
  const passkey = await getPasskey(user.id, credentialId);
  if (!passkey) throw new ConflictError("This passkey was already removed.");
  if (mustHaveSecondFactor(user.role)) {
    const [totp, all] = await Promise.all([getSecondFactor(user.id), listPasskeys(user.id)]);
    if (!totp && all.length <= 1) throw new ForbiddenError("Your role requires two-factor authentication: set up an authenticator app or another passkey before removing this one.");
  }
  try {
    await removePasskey(user.id, passkey, audit, now);
  } catch (error) {
    if (error instanceof PasskeyConflict) throw new ConflictError("This passkey was already removed.");
    throw error;
  }
}

/** Options for a second step with a passkey: only the user's own passkeys, tied to the password step's challenge. */
export async function secondFactorPasskeyOptions(userId: string, signInChallengeId: string, rp: RelyingParty, now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await listPasskeys(userId);
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: "preferred",
    timeout: TIMEOUT_MS,
  });
  await storePasskeyChallenge(options.challenge, "second-factor", { userId, signInChallengeId }, now);
  return options;
}

/**
 * Options for signing in with a passkey alone: no credentials listed (the authenticator offers
 * its discoverable ones) and user verification required. Refused while the address is over
 * its limit, so nobody fills the challenges table from one place.
 */
export async function passwordlessOptions(rp: RelyingParty, ctx: RequestContext, now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const throttle = await openPasskeyThrottle(undefined, ctx.ipAddress, now);
  if (throttle.over) throw new ThrottledError(THROTTLED);
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required", timeout: TIMEOUT_MS });
  await storePasskeyChallenge(options.challenge, "passwordless", {}, now);
  return options;
}

/**
 * Options for either passkey sign-in: with the password step's challenge secret, the second
 * step's (null when that challenge is gone or the account has no passkey: start again);
 * without, a passwordless one.
 */
export async function signInPasskeyOptions(challengeSecret: string | undefined, rp: RelyingParty, ctx: RequestContext, now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  if (challengeSecret === undefined) return passwordlessOptions(rp, ctx, now);
  const challenge = await getChallenge(challengeSecret, now);
  return challenge ? secondFactorPasskeyOptions(challenge.userId, challenge.id, rp, now) : null;
}

/** A response's JSON text parsed and bounded, or null. */
export function parseAuthenticationResponse(text: string): AuthenticationResponseJSON | null {
  try {
    const parsed = authenticationResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as AuthenticationResponseJSON) : null;
  } catch {
    return null;
  }
}

/** The user id a discoverable passkey's user handle names (what registration set), or null. */
export function userIdOfHandle(response: AuthenticationResponseJSON): string | null {
  const handle = response.response.userHandle;
  if (!handle) return null;
  const id = Buffer.from(handle, "base64url").toString("utf8");
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/** The assertion's signature, origin, RP id and challenge checked against the stored passkey; the new counter, or null. */
export async function verifyAssertion(
  response: AuthenticationResponseJSON,
  passkey: StoredPasskey,
  expectedChallenge: string,
  rp: RelyingParty,
  requireUserVerification: boolean,
): Promise<number | null> {
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification,
    });
    // The library refuses a counter that did not move past the stored one (a cloned authenticator).
    return result.verified ? result.authenticationInfo.newCounter : null;
  } catch (error) {
    console.warn("passkey assertion not verified", error instanceof Error ? error.message : error);
    return null;
  }
}
