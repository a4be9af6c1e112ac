import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/db/audit";
import { newSession } from "@/lib/db/sessions";
import { ssoLinkWrite } from "@/lib/db/sso-links";
import { type Credentials, getCredentialsByEmail, getCredentialsById, recordSignIn } from "@/lib/db/user-sign-in";
import { createUser } from "@/lib/db/users";
import { env, type SsoProvider } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { emailSchema, type User, userNameSchema } from "@/lib/validation/users";
import type { RequestContext } from "./request-context";
import { ANONYMOUS_ACTOR } from "./sign-in";
import { openSignInThrottle } from "./throttle";

// Signing in through an OIDC provider (SSO_PROVIDERS). The provider proves who someone is at
// the provider; this module decides whether that someone is an account here. Only an active
// user whose email the provider vouches for signs in. No account is created on the fly unless
// SSO_JIT_CREATE is on: then a vouched-for email no account has gets an active account with
// role `user`, created by that person (the audit actor) together with the provider's link.

/** What the IdP said, as next-auth hands it over: every field is the IdP's word, so untyped. */
export interface SsoClaims {
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

export type SsoRefusal = "unverified_email" | "unknown" | "inactive" | "link_conflict" | "second_factor" | "throttled";

export type SsoResult = { ok: true; user: User; sessionSecret: string } | { ok: false; reason: SsoRefusal };

/** The email the provider vouches for, or null when it sent none or does not say it verified it. */
function vouchedEmail(provider: SsoProvider, claims: SsoClaims): string | null | "unverified" {
  if (typeof claims.email !== "string") return null;
  const email = emailSchema.safeParse(claims.email.trim().toLowerCase());
  if (!email.success) return null;
  // Some IdPs send the claim as the string "true".
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return verified || provider.trustEmail ? email.data : "unverified";
}

/**
 * Decides an SSO sign-in and, when it succeeds, creates the session (in the same transaction as
 * its `auth.sso_signed_in` entry and the link, lib/db/user-sign-in.ts). A refusal is audited as
 * `auth.sso_refused`, counted against the address's (and email's) sign-in limits in a bucket of
 * its own and, over them, folded like password failures (lib/auth/throttle.ts).
 *
 * An account with a second factor is refused rather than signed in: the provider's sign-in may
 * be weaker than the factor the person chose here, and the app's second step only follows a
 * password today. They sign in with their password and code.
 */
export async function verifySsoSignIn(provider: SsoProvider, claims: SsoClaims, ctx: RequestContext, now = new Date()): Promise<SsoResult> {
  const subject = typeof claims.sub === "string" && claims.sub.length > 0 && claims.sub.length <= 255 ? claims.sub : null;
  const email = vouchedEmail(provider, claims);
  const knownEmail = email && email !== "unverified" ? email : null;
  // Without an email the address's limit is the one that counts; the provider's id keeps the bucket apart from real emails.
  const [throttle, found] = await Promise.all([
    openSignInThrottle("single sign-on", knownEmail ?? `${provider.id}:no-email`, ctx.ipAddress, now),
    knownEmail ? getCredentialsByEmail(knownEmail) : Promise.resolve(null),
  ]);
  let record = found;

  const refuse = async (reason: SsoRefusal): Promise<SsoResult> => {
    const audit = () => auditRefusal(provider, typeof claims.email === "string" ? claims.email : undefined, record, ctx, reason);
    if (throttle.over) {
      if (await throttle.refuse()) await audit();
      return { ok: false, reason: "throttled" };
    }
    await Promise.all([throttle.count(), audit()]);
    return { ok: false, reason };
  };

  if (throttle.over) return refuse("throttled");
  if (!subject || email === null || email === "unverified") return refuse("unverified_email");
  if (!record && knownEmail && env().SSO_JIT_CREATE) record = await createJustInTime(provider, knownEmail, subject, claims, ctx);
  if (!record) return refuse("unknown");
  if (!record.user.isActive) return refuse("inactive");
  const linked = record.ssoLinks[provider.id];
  if (linked !== undefined && linked !== subject) return refuse("link_conflict");
  if (record.secondFactor || record.passkeyCount > 0) return refuse("second_factor");

  const session = newSession(record.user.id, record.sessionGeneration, ctx);
  const recorded = await recordSignIn(record.user, record.sessionGeneration, { id: session.session.id, put: session.put }, ctx, {
    sso: { provider: provider.id, items: [ssoLinkWrite(record.user.id, provider.id, subject, now)] },
  });
  // Deactivated, signed out everywhere or linked to another subject in between: that change wins.
  if (!recorded) return refuse("inactive");
  await throttle.forgetFirst();
  return { ok: true, user: record.user, sessionSecret: session.secret };
}

/** The name the provider gives, if it is one the app accepts, else the email's local part. */
function nameFrom(claims: SsoClaims, email: string): string {
  const given = typeof claims.name === "string" ? userNameSchema.safeParse(claims.name.trim()) : null;
  if (given?.success && given.data) return given.data;
  const local = userNameSchema.safeParse(email.split("@")[0]);
  return local.success && local.data ? local.data : "New user";
}

/**
 * SSO_JIT_CREATE: the account, its `user.created` entry (by the new user: nobody else acted)
 * and the provider's link in one transaction; the sign-in that follows is the usual one. When
 * the email was taken meanwhile (a racing sign-in, an admin's create), that account decides.
 */
async function createJustInTime(provider: SsoProvider, email: string, subject: string, claims: SsoClaims, ctx: RequestContext): Promise<Credentials | null> {
  const id = randomUUID();
  try {
    await createUser({ email, name: nameFrom(claims, email), role: "user" }, { ...ctx, actorId: id, actorRole: "user" }, { id, with: [ssoLinkWrite(id, provider.id, subject)] });
  } catch (error) {
    if (error instanceof ConflictError) return getCredentialsByEmail(email);
    throw error;
  }
  return getCredentialsById(id);
}

function auditRefusal(provider: SsoProvider, rawEmail: string | undefined, record: Credentials | null, ctx: RequestContext, reason: SsoRefusal) {
  return appendAudit(
    { actorId: record?.user.id ?? ANONYMOUS_ACTOR, ...(record ? { actorRole: record.user.role } : {}), ...ctx },
    {
      action: "auth.sso_refused",
      ...(record ? { targetUserId: record.user.id } : {}),
      details: { provider: provider.id, reason, ...(rawEmail ? { email: rawEmail.slice(0, 254) } : {}) },
    },
  );
}
