import "server-only";
import { appendAudit } from "@/lib/db/audit";
import { newSession } from "@/lib/db/sessions";
import { getCredentialsByEmail, recordSignIn } from "@/lib/db/user-sign-in";
import { type User } from "@/lib/validation/users";
import { env } from "@/lib/env";
import { verifyPassword } from "./password";
import { limitsFor, openThrottle } from "./throttle";
import type { RequestContext } from "./request-context";

/** On success, `sessionSecret` is what the cookie carries to name the new server-side session. */
export type SignInResult = { ok: true; user: User; sessionSecret: string } | { ok: false; reason: "invalid" | "throttled" };

/** Actor id of audit entries for sign-in attempts on an email no account has. */
export const ANONYMOUS_ACTOR = "anonymous";

/**
 * Checks an email and password. Every failure looks the same to the caller ("invalid"),
 * whether the email exists, the password is wrong or the account is deactivated; only
 * throttling is told apart, and it applies whether or not the email exists. Failures count
 * towards the email's and the address's limits; a success clears the email's.
 */
export async function verifySignIn(email: string, password: string, ctx: RequestContext, now = new Date()): Promise<SignInResult> {
  const config = env();
  const window = { minutes: config.SIGN_IN_WINDOW_MINUTES, now };
  const limits = limitsFor(email, ctx.ipAddress, { email: config.SIGN_IN_MAX_FAILURES_PER_EMAIL, ip: config.SIGN_IN_MAX_FAILURES_PER_IP });

  const [throttle, record] = await Promise.all([openThrottle("sign-in", limits, window), getCredentialsByEmail(email)]);
  const actorId = record?.user.id ?? ANONYMOUS_ACTOR;
  const audit = (reason: "bad_credentials" | "inactive" | "throttled") =>
    appendAudit(
      { actorId, ...(record ? { actorRole: record.user.role } : {}), ...ctx },
      { action: "auth.sign_in_failed", ...(record ? { targetUserId: record.user.id } : {}), details: { email: email.slice(0, 254), reason } },
    );

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
  const session = newSession(record.user.id, record.sessionGeneration, ctx);
  const [recorded] = await Promise.all([recordSignIn(record.user, record.sessionGeneration, { id: session.session.id, put: session.put }, ctx, record.legacyHash ? (record.passwordHash ?? undefined) : undefined), throttle.forgetFirst()]);
  // Deactivated or signed out everywhere between the read and the write: that change wins.
  if (!recorded) return { ok: false, reason: "invalid" };
  return { ok: true, user: record.user, sessionSecret: session.secret };
}
