import "server-only";
import { appendAudit } from "@/lib/db/audit";
import { issuePasswordReset } from "@/lib/db/invites";
import { getUserByEmail } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { sendInviteEmail } from "@/lib/email/invite-email";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import type { RequestContext } from "./request-context";
import { ANONYMOUS_ACTOR } from "./sign-in";
import { limitsFor, openThrottle } from "./throttle";

// "Forgot password?": a stranger names an email and, if it belongs to an active account, that
// account is sent a one-time link to set a new password (the invite machinery, with a short
// life). The answer never tells whether the email exists: the same words, the same writes
// (one audit entry and the counters), and the email itself goes out after the response.

export type ResetAnswer =
  | { status: "accepted"; /** Sends the link, if there is one; call it after the response. */ deliver: () => Promise<void> }
  | { status: "throttled" };

type Outcome = "unknown_email" | "inactive" | "throttled";

const NOTHING_TO_SEND: ResetAnswer = { status: "accepted", deliver: async () => {} };

async function deliverResetLink(user: User, url: string, expiresAt: string): Promise<void> {
  const delivery = await sendInviteEmail({ to: user.email, name: user.name, url, expiresAt, kind: "requested" });
  if (delivery !== "not_configured") return;
  if (env().NODE_ENV === "production") {
    console.warn(`[forgot password] SMTP_URL is not set: the reset link user ${user.id} asked for was not sent.`);
  } else {
    // A local developer has no mailbox: the server log is where the link goes (never in production).
    console.info(`[forgot password] SMTP_URL is not set, so this link for ${user.email} was not emailed. It works once, until ${expiresAt}:\n  ${url}`);
  }
}

export async function requestPasswordReset(email: string, ctx: RequestContext, origin: string, now = new Date()): Promise<ResetAnswer> {
  const config = env();
  const window = { minutes: config.SIGN_IN_WINDOW_MINUTES, now };
  const limits = limitsFor(email, ctx.ipAddress, { email: config.PASSWORD_RESET_MAX_PER_EMAIL, ip: config.PASSWORD_RESET_MAX_PER_IP });
  const [throttle, user] = await Promise.all([openThrottle("password reset", limits, window), getUserByEmail(email)]);
  const actor = { actorId: ANONYMOUS_ACTOR, ...ctx };
  const audit = (outcome: Outcome) =>
    appendAudit(actor, { action: "auth.password_reset_requested", ...(user ? { targetUserId: user.id } : {}), details: { email, outcome } });

  if (throttle.over) {
    if (await throttle.refuse()) await audit("throttled");
    return { status: "throttled" };
  }
  if (!user || !user.isActive) {
    await Promise.all([throttle.count(), audit(user ? "inactive" : "unknown_email")]);
    return NOTHING_TO_SEND;
  }
  try {
    const [link] = await Promise.all([issuePasswordReset(user.id, actor, { by: "self", email, minutes: config.PASSWORD_RESET_LINK_MINUTES }), throttle.count()]);
    const url = `${origin}/invite/${link.token}`;
    return { status: "accepted", deliver: () => deliverResetLink(user, url, link.expiresAt) };
  } catch (error) {
    // Deactivated between the read and the write: answered like any inactive account.
    if (!(error instanceof ValidationError)) throw error;
    await audit("inactive");
    return NOTHING_TO_SEND;
  }
}
