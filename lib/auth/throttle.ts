import "server-only";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/db/audit";
import { env } from "@/lib/env";
import { claimRefusedSummary, clearAttempts, countAttempt, countRefused, readCounts, type Window } from "@/lib/db/rate-limits";

// Limits on what strangers may try (sign-in, password-reset requests), per email and per client
// address, in fixed windows shared by every app server. The audit log stays bounded however hard
// someone pushes: attempts under a limit are audited by their caller one by one (at most the
// limit per window), the first attempt refused in a window is audited by itself, and the rest
// of that window's refusals are folded into one `auth.attempts_refused` entry with their count,
// written by the first attempt that arrives in a later window (the counters live that long).

/** Actor of entries the app writes on its own behalf (the folded refusals). */

// A second factor has a bucket of its own: a right password followed by wrong codes must not
// lock the password out for longer, nor wrong passwords use up the code attempts.
// Passwordless passkey sign-ins too: whose passkey it is may be unknown until it verifies.
export type ThrottledAttempt = "sign-in" | "password reset" | "second factor" | "single sign-on" | "passkey";

const KEY_PREFIX: Record<ThrottledAttempt, string> = {
  "sign-in": "sign-in",
  "password reset": "reset",
  "second factor": "second-factor",
  "single sign-on": "sso",
  passkey: "passkey",
};

export interface Limit {
  scope: "email" | "ip";
  /** The email or address the limit counts. */
  subject: string;
  max: number;
}

/** What an attempt may do: go ahead and be counted, or, over a limit, only be refused. */
export type Throttle =
  | {
      over: false;
      /** Counts this attempt against every limit. */
      count(): Promise<void>;
      /** Forgets this window's attempts under the first limit (the email's, once a sign-in succeeds). */
      forgetFirst(): Promise<void>;
    }
  | {
      over: true;
      /** Counts this attempt as refused under the first limit it is over; true when it is the first refusal of its window, the one to audit by itself. */
      refuse(): Promise<boolean>;
    };

function keyOf(attempt: ThrottledAttempt, limit: Limit): string {
  return `${KEY_PREFIX[attempt]}#${limit.scope}#${limit.subject}`;
}

async function foldPreviousWindow(attempt: ThrottledAttempt, limit: Limit, window: Window, from: string, until: string): Promise<void> {
  const count = await claimRefusedSummary(keyOf(attempt, limit), window);
  if (count === null) return;
  await appendAudit(
    { actorId: SYSTEM_ACTOR },
    { action: "auth.attempts_refused", details: { attempt, scope: limit.scope, subject: limit.subject, count, from, until } },
  );
}

/**
 * Reads the counters of every limit (one round trip) and, when a previous window refused more
 * than one attempt and nobody has folded them yet, writes their summary first.
 */
export async function openThrottle(attempt: ThrottledAttempt, limits: Limit[], window: Window): Promise<Throttle> {
  const keys = limits.map((limit) => keyOf(attempt, limit));
  const counts = await readCounts(keys, window);
  await Promise.all(
    limits.map((limit, i) => {
      const previous = counts.get(keys[i]!)!.previous;
      return previous.refused > 1 && !previous.summarized ? foldPreviousWindow(attempt, limit, window, previous.from, previous.until) : null;
    }),
  );
  const overKey = keys.find((key, i) => counts.get(key)!.current.attempts >= limits[i]!.max);
  if (overKey) return { over: true, refuse: async () => (await countRefused(overKey, window)) === 1 };
  return {
    over: false,
    count: () => countAttempt(keys, window),
    forgetFirst: () => clearAttempts(keys[0]!, window),
  };
}

/** The email and, when the request has one, the client address, each with its own limit. */
export function limitsFor(email: string, ipAddress: string | undefined, max: { email: number; ip: number }): Limit[] {
  return [{ scope: "email", subject: email, max: max.email }, ...(ipAddress ? [{ scope: "ip" as const, subject: ipAddress, max: max.ip }] : [])];
}

/** A throttle with the sign-in limits and window (passwords, and second factors in their own bucket). */
export function openSignInThrottle(attempt: "sign-in" | "second factor" | "single sign-on", email: string, ipAddress: string | undefined, now = new Date()): Promise<Throttle> {
  const config = env();
  const limits = limitsFor(email, ipAddress, { email: config.SIGN_IN_MAX_FAILURES_PER_EMAIL, ip: config.SIGN_IN_MAX_FAILURES_PER_IP });
  return openThrottle(attempt, limits, { minutes: config.SIGN_IN_WINDOW_MINUTES, now });
}

/**
 * Passwordless passkey sign-ins: the client address's limit always, and the account's once the
 * passkey names one (its user handle); an assertion that names no account counts only against
 * the address, so nobody can lock out a stranger with made-up ones.
 */
export function openPasskeyThrottle(email: string | undefined, ipAddress: string | undefined, now = new Date()): Promise<Throttle> {
  const config = env();
  const limits: Limit[] = [
    ...(email ? [{ scope: "email" as const, subject: email, max: config.SIGN_IN_MAX_FAILURES_PER_EMAIL }] : []),
    ...(ipAddress ? [{ scope: "ip" as const, subject: ipAddress, max: config.SIGN_IN_MAX_FAILURES_PER_IP }] : []),
  ];
  return openThrottle("passkey", limits, { minutes: config.SIGN_IN_WINDOW_MINUTES, now });
}
