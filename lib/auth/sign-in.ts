import "server-only";
import { appendAudit, auditPut } from "@/lib/db/audit";
import { spendProof } from "@/lib/db/credentials";
import { newSession } from "@/lib/db/sessions";
import { getPasskey, passkeyUseWrite, spendPasskeyChallenge } from "@/lib/db/passkeys";
import { getChallenge, issueChallenge, spendChallenge } from "@/lib/db/sign-in-challenges";
import { type Credentials, getCredentialsByEmail, getCredentialsById, recordSignIn, type SecondFactorWrites } from "@/lib/db/user-sign-in";
import { type User } from "@/lib/validation/users";
import type { SecondFactor } from "@/lib/validation/mfa";
import { verifyPassword } from "./password";
import { answeredChallenge, parseAuthenticationResponse, type RelyingParty, userIdOfHandle, verifyAssertion } from "./passkeys";
import type { RequestContext } from "./request-context";
import { proofOf } from "./second-factor";
import { openPasskeyThrottle, openSignInThrottle } from "./throttle";

/**
 * On success, `sessionSecret` is what the cookie carries to name the new server-side session.
 * `second_factor`: the password was right and the account has two-factor authentication; no
 * session exists, and `challenge` is what the browser sends back with the code.
 */
export type SignInResult =
  | { ok: true; user: User; sessionSecret: string }
  | { ok: false; reason: "invalid" | "throttled" }
  | { ok: false; reason: "second_factor"; challenge: string; methods: SecondFactorMethods };

/** What the second step may offer: a code (and recovery codes) from an authenticator app, a passkey. */
export interface SecondFactorMethods {
  totp: boolean;
  passkey: boolean;
}

/** The second step's answer: `expired` when the challenge is unknown, spent or too old (start again). */
export type SecondFactorResult = { ok: true; user: User; sessionSecret: string } | { ok: false; reason: "invalid" | "throttled" | "expired" };

/** Actor id of audit entries for sign-in attempts on an email no account has. */
export const ANONYMOUS_ACTOR = "anonymous";

type FailureReason = "bad_credentials" | "inactive" | "throttled" | "bad_second_factor" | "bad_passkey";

function auditFailure(email: string, record: Credentials | null, ctx: RequestContext, reason: FailureReason, secondFactor?: SecondFactor["method"] | "passkey") {
  return appendAudit(
    { actorId: record?.user.id ?? ANONYMOUS_ACTOR, ...(record ? { actorRole: record.user.role } : {}), ...ctx },
    {
      action: "auth.sign_in_failed",
      ...(record ? { targetUserId: record.user.id } : {}),
      details: { email: email.slice(0, 254), reason, ...(secondFactor ? { secondFactor } : {}) },
    },
  );
}

/**
 * Checks an email and password. Every failure looks the same to the caller ("invalid"),
 * whether the email exists, the password is wrong or the account is deactivated; only
 * throttling is told apart, and it applies whether or not the email exists. Failures count
 * towards the email's and the address's limits; a success clears the email's. For an account
 * with a second factor a right password only earns a challenge for the second step.
 */
export async function verifySignIn(email: string, password: string, ctx: RequestContext, now = new Date()): Promise<SignInResult> {
  const [throttle, record] = await Promise.all([openSignInThrottle("sign-in", email, ctx.ipAddress, now), getCredentialsByEmail(email)]);
  const audit = (reason: FailureReason) => auditFailure(email, record, ctx, reason);

  if (throttle.over) {
    // Only the window's first refusal is audited by itself; the rest are folded (lib/auth/throttle.ts).
    if (await throttle.refuse()) await audit("throttled");
    return { ok: false, reason: "throttled" };
  }

  const passwordMatches = await verifyPassword(record?.passwordHash ?? null, password);
  if (!record || !passwordMatches) {
    await Promise.all([throttle.count(), audit("bad_credentials")]);
    return { ok: false, reason: "invalid" };
  }
  if (!record.user.isActive) {
    await audit("inactive");
    return { ok: false, reason: "invalid" };
  }
  if (record.secondFactor || record.passkeyCount > 0) {
    const [challenge] = await Promise.all([issueChallenge(record.user.id, record.sessionGeneration, now), throttle.forgetFirst()]);
    return { ok: false, reason: "second_factor", challenge, methods: { totp: record.secondFactor !== null, passkey: record.passkeyCount > 0 } };
  }
  const session = newSession(record.user.id, record.sessionGeneration, ctx);
  const moveHash = record.legacyHash ? (record.passwordHash ?? undefined) : undefined;
  const [recorded] = await Promise.all([recordSignIn(record.user, record.sessionGeneration, { id: session.session.id, put: session.put }, ctx, { moveHash }), throttle.forgetFirst()]);
  // Deactivated or signed out everywhere between the read and the write: that change wins.
  if (!recorded) return { ok: false, reason: "invalid" };
  return { ok: true, user: record.user, sessionSecret: session.secret };
}

/**
 * The second step: a challenge from verifySignIn and a code from the authenticator or a
 * recovery code. Wrong codes count against the email's and the address's limits in a bucket
 * of their own. The session is created, the challenge and the code spent, and the sign-in
 * audited in one transaction conditioned on both being unspent: of two requests racing with
 * one code (or one challenge) exactly one signs in, and the other is refused like a wrong code.
 */
export async function verifySecondFactor(challengeSecret: string, factor: SecondFactor, ctx: RequestContext, now = new Date()): Promise<SecondFactorResult> {
  const challenge = await getChallenge(challengeSecret, now);
  if (!challenge) return { ok: false, reason: "expired" };
  const record = await getCredentialsById(challenge.userId);
  // Signed out everywhere, a new password or deactivated since the password step: start again.
  if (!record?.user.isActive || !record.secondFactor || record.sessionGeneration !== challenge.sessionGeneration) return { ok: false, reason: "expired" };
  const { user } = record;
  const stored = record.secondFactor;

  const throttle = await openSignInThrottle("second factor", user.email, ctx.ipAddress, now);
  const fail = async (reason: FailureReason) => auditFailure(user.email, record, ctx, reason, factor.method);
  if (throttle.over) {
    if (await throttle.refuse()) await fail("throttled");
    return { ok: false, reason: "throttled" };
  }
  const refuse = async (): Promise<SecondFactorResult> => {
    await Promise.all([throttle.count(), fail("bad_second_factor")]);
    return { ok: false, reason: "invalid" };
  };

  const proof = proofOf(user.id, stored, factor, now);
  if (!proof) return refuse();
  const remaining = stored.recoveryCodeHashes.size - 1;
  const writes: SecondFactorWrites = {
    method: proof.method,
    items: (sessionId) => [
      spendChallenge(challenge, now),
      spendProof(user.id, proof),
      ...(proof.method === "recovery_code"
        ? [auditPut({ ...ctx, actorId: user.id, actorRole: user.role }, { action: "mfa.recovery_code_used", targetUserId: user.id, details: { remaining, sessionId } }, now)]
        : []),
    ],
  };
  const session = newSession(user.id, challenge.sessionGeneration, ctx);
  const recorded = await recordSignIn(user, challenge.sessionGeneration, { id: session.session.id, put: session.put }, ctx, { secondFactor: writes });
  if (!recorded) return refuse();
  await throttle.forgetFirst();
  return { ok: true, user, sessionSecret: session.secret };
}

/**
 * The second step with a passkey instead of a code: an assertion from one of the user's
 * passkeys, answering a challenge issued for this password step (secondFactorPasskeyOptions).
 * Wrong ones count in the second factor's bucket like wrong codes. The session is created with
 * both challenges spent and the passkey's counter moved, conditioned on the counter it was
 * verified against, in one transaction: a replayed assertion signs nobody in.
 */
export async function verifyPasskeySecondFactor(challengeSecret: string, responseText: string, rp: RelyingParty, ctx: RequestContext, now = new Date()): Promise<SecondFactorResult> {
  const challenge = await getChallenge(challengeSecret, now);
  if (!challenge) return { ok: false, reason: "expired" };
  const record = await getCredentialsById(challenge.userId);
  if (!record?.user.isActive || record.passkeyCount === 0 || record.sessionGeneration !== challenge.sessionGeneration) return { ok: false, reason: "expired" };
  const { user } = record;

  const throttle = await openSignInThrottle("second factor", user.email, ctx.ipAddress, now);
  const fail = async (reason: FailureReason) => auditFailure(user.email, record, ctx, reason, "passkey");
  if (throttle.over) {
    if (await throttle.refuse()) await fail("throttled");
    return { ok: false, reason: "throttled" };
  }
  const refuse = async (): Promise<SecondFactorResult> => {
    await Promise.all([throttle.count(), fail("bad_second_factor")]);
    return { ok: false, reason: "invalid" };
  };

  const response = parseAuthenticationResponse(responseText);
  if (!response) return refuse();
  const answered = await answeredChallenge(response, "second-factor", now);
  if (!answered || answered.stored.userId !== user.id || answered.stored.signInChallengeId !== challenge.id) return refuse();
  const passkey = await getPasskey(user.id, response.id);
  if (!passkey) return refuse();
  const counter = await verifyAssertion(response, passkey, answered.value, rp, false);
  if (counter === null) return refuse();

  const session = newSession(user.id, challenge.sessionGeneration, ctx);
  const writes: SecondFactorWrites = {
    method: "passkey",
    passkey: { credentialId: passkey.credentialId, passwordless: false },
    items: () => [spendChallenge(challenge, now), spendPasskeyChallenge(answered.stored, now), passkeyUseWrite(passkey, counter, now)],
  };
  const recorded = await recordSignIn(user, challenge.sessionGeneration, { id: session.session.id, put: session.put }, ctx, { secondFactor: writes });
  if (!recorded) return refuse();
  await throttle.forgetFirst();
  return { ok: true, user, sessionSecret: session.secret };
}

/** What a failed passwordless attempt is audited under when its passkey names no account. */
const UNKNOWN_PASSKEY = "(unknown passkey)";

/**
 * Signing in with a passkey alone, which the person chose for that passkey when adding it: the
 * authenticator's user handle names the account, the assertion must verify the person (UV),
 * and the account must be active. Failures look alike to the caller ("invalid") and count
 * against the address and, when the handle names an account, against it.
 */
export async function verifyPasskeySignIn(responseText: string, rp: RelyingParty, ctx: RequestContext, now = new Date()): Promise<SecondFactorResult> {
  const response = parseAuthenticationResponse(responseText);
  const userId = response ? userIdOfHandle(response) : null;
  const record = userId ? await getCredentialsById(userId) : null;
  const email = record?.user.email ?? UNKNOWN_PASSKEY;
  const throttle = await openPasskeyThrottle(record?.user.email, ctx.ipAddress, now);
  const audit = (reason: FailureReason) => auditFailure(email, record, ctx, reason, "passkey");
  if (throttle.over) {
    if (await throttle.refuse()) await audit("throttled");
    return { ok: false, reason: "throttled" };
  }
  const refuse = async (): Promise<SecondFactorResult> => {
    await Promise.all([throttle.count(), audit("bad_passkey")]);
    return { ok: false, reason: "invalid" };
  };
  if (!response || !record) return refuse();
  const [answered, passkey] = await Promise.all([answeredChallenge(response, "passwordless", now), getPasskey(record.user.id, response.id)]);
  if (!answered || !passkey?.passwordless) return refuse();
  const counter = await verifyAssertion(response, passkey, answered.value, rp, true);
  if (counter === null) return refuse();
  if (!record.user.isActive) {
    await audit("inactive");
    return { ok: false, reason: "invalid" };
  }

  const { user } = record;
  const session = newSession(user.id, record.sessionGeneration, ctx);
  const writes: SecondFactorWrites = {
    method: "passkey",
    passkey: { credentialId: passkey.credentialId, passwordless: true },
    items: () => [spendPasskeyChallenge(answered.stored, now), passkeyUseWrite(passkey, counter, now)],
  };
  const recorded = await recordSignIn(user, record.sessionGeneration, { id: session.session.id, put: session.put }, ctx, { secondFactor: writes });
  if (!recorded) return refuse();
  await throttle.forgetFirst();
  return { ok: true, user, sessionSecret: session.secret };
}
