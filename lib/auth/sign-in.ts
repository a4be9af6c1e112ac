import "server-only";
import { appendAudit } from "@/lib/db/audit";
import { addFailure, clearFailures, getFailureCounts } from "@/lib/db/rate-limits";
import { newSession } from "@/lib/db/sessions";
import { getCredentialsByEmail, recordSignIn, type User } from "@/lib/db/users";
import { env } from "@/lib/env";
import { verifyPassword } from "./password";
import type { RequestContext } from "./request-context";

/** On success, `sessionSecret` is what the cookie carries to name the new server-side session. */
export type SignInResult = { ok: true; user: User; sessionSecret: string } | { ok: false; reason: "invalid" | "throttled" };

/** Actor id of audit entries for sign-in attempts on an email no account has. */
export const ANONYMOUS_ACTOR = "anonymous";

/**
 * Checks an email and password. Every failure looks the same to the caller ("invalid"),
 * whether the email exists, the password is wrong or the account is deactivated; only
 * throttling is told apart, and it applies whether or not the email exists.
 */
export async function verifySignIn(email: string, password: string, ctx: RequestContext): Promise<SignInResult> {
  const config = env();
  const window = { minutes: config.SIGN_IN_WINDOW_MINUTES };
  const emailKey = `email#${email}`;
  const ipKey = ctx.ipAddress ? `ip#${ctx.ipAddress}` : null;
  const keys = ipKey ? [emailKey, ipKey] : [emailKey];

  const [counts, record] = await Promise.all([getFailureCounts(keys, window), getCredentialsByEmail(email)]);
  const actorId = record?.user.id ?? ANONYMOUS_ACTOR;
  const audit = (reason: "bad_credentials" | "inactive" | "throttled") =>
    appendAudit(
      { actorId, ...(record ? { actorRole: record.user.role } : {}), ...ctx },
      { action: "auth.sign_in_failed", ...(record ? { targetUserId: record.user.id } : {}), details: { email: email.slice(0, 254), reason } },
    );

  const throttled =
    (counts.get(emailKey) ?? 0) >= config.SIGN_IN_MAX_FAILURES_PER_EMAIL ||
    (ipKey !== null && (counts.get(ipKey) ?? 0) >= config.SIGN_IN_MAX_FAILURES_PER_IP);
  if (throttled) {
    await audit("throttled");
    return { ok: false, reason: "throttled" };
  }

  const passwordMatches = await verifyPassword(record?.passwordHash ?? null, password);
  if (!record || !passwordMatches) {
    await Promise.all([addFailure(keys, window), audit("bad_credentials")]);
    return { ok: false, reason: "invalid" };
  }
  if (!record.user.isActive) {
    await audit("inactive");
    return { ok: false, reason: "invalid" };
  }
  const session = newSession(record.user.id, record.sessionGeneration, ctx);
  const [recorded] = await Promise.all([recordSignIn(record.user, record.sessionGeneration, { id: session.session.id, put: session.put }, ctx), clearFailures(emailKey, window)]);
  // Deactivated or signed out everywhere between the read and the write: that change wins.
  if (!recorded) return { ok: false, reason: "invalid" };
  return { ok: true, user: record.user, sessionSecret: session.secret };
}
