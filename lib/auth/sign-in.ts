import "server-only";
import { appendAudit, auditPut } from "@/lib/db/audit";
import { spendProof } from "@/lib/db/credentials";
import { newSession } from "@/lib/db/sessions";
import { getChallenge, issueChallenge, spendChallenge } from "@/lib/db/sign-in-challenges";
import { type Credentials, getCredentialsByEmail, getCredentialsById, recordSignIn, type SecondFactorWrites } from "@/lib/db/user-sign-in";
import { type User } from "@/lib/validation/users";
import type { SecondFactor } from "@/lib/validation/mfa";
import { verifyPassword } from "./password";
import type { RequestContext } from "./request-context";
import { proofOf } from "./second-factor";
import { openSignInThrottle } from "./throttle";

/**
 * On success, `sessionSecret` is what the cookie carries to name the new server-side session.
 * `second_factor`: the password was right and the account has two-factor authentication; no
 * session exists, and `challenge` is what the browser sends back with the code.
 */
export type SignInResult =
  | { ok: true; user: User; sessionSecret: string }
  | { ok: false; reason: "invalid" | "throttled" }
  | { ok: false; reason: "second_factor"; challenge: string };

/** The second step's answer: `expired` when the challenge is unknown, spent or too old (start again). */
export type SecondFactorResult = { ok: true; user: User; sessionSecret: string } | { ok: false; reason: "invalid" | "throttled" | "expired" };

/** Actor id of audit entries for sign-in attempts on an email no account has. */
export const ANONYMOUS_ACTOR = "anonymous";

type FailureReason = "bad_credentials" | "inactive" | "throttled" | "bad_second_factor";

function auditFailure(email: string, record: Credentials | null, ctx: RequestContext, reason: FailureReason, secondFactor?: SecondFactor["method"]) {
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
  if (record.secondFactor) {
    const [challenge] = await Promise.all([issueChallenge(record.user.id, record.sessionGeneration, now), throttle.forgetFirst()]);
    return { ok: false, reason: "second_factor", challenge };
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

  const proof = proofOf(user.id, record.secondFactor, factor, now);
  if (!proof) return refuse();
  const remaining = record.secondFactor.recoveryCodeHashes.size - 1;
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
