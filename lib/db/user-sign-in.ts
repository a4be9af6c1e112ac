import "server-only";
import { emailSchema, type User } from "@/lib/validation/users";
import { type AuditContext, auditPut } from "./audit";
import { batchGetAll } from "./batch-get";
import { table } from "./client";
import { credentialKey, passkeyCountOf, passwordHashWrite, type SecondFactorRecord, secondFactorOf } from "./credentials";
import { ssoLinksOf } from "./sso-links";
import { transact, type TransactItem } from "./transact";
import { userCountChanges, userSearchWrites } from "./user-search";
import { userIdForEmail } from "./user-email-guard";
import { parseUserItem, USER_PROJECTION, USER_PROJECTION_NAMES } from "./user-item";

// The two steps of signing in that touch the user item, for lib/auth/sign-in.ts: reading the
// credentials (the only read that names the password hash) and recording the sign-in.

export interface Credentials {
  user: User;
  passwordHash: string | null;
  sessionGeneration: number;
  /** The hash was still on the user item (written before the credentials table): sign-in moves it. */
  legacyHash: boolean;
  /** Enrolled two-factor authentication: a password alone does not sign in. */
  secondFactor: SecondFactorRecord | null;
  /** Registered passkeys (lib/db/passkeys.ts): any one is a second factor too. */
  passkeyCount: number;
  /** The subject each OIDC provider signed this user in as (lib/db/sso-links.ts). */
  ssoLinks: Record<string, string>;
}

/**
 * The user and their password hash, for the sign-in check in lib/auth only: no page or action
 * result may carry the hash. One strongly consistent BatchGet reads the user and the
 * credentials item (lib/db/credentials.ts) together.
 */
export async function getCredentialsByEmail(rawEmail: string): Promise<Credentials | null> {
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) return null;
  const id = await userIdForEmail(email.data);
  return id ? getCredentialsById(id) : null;
}

/** The same read by user id (the second step of a sign-in knows the user from its challenge). */
export async function getCredentialsById(id: string): Promise<Credentials | null> {
  const found = await batchGetAll({
    [table("users")]: {
      Keys: [{ id }],
      ProjectionExpression: `${USER_PROJECTION}, passwordHash, sessionGeneration`,
      ExpressionAttributeNames: USER_PROJECTION_NAMES,
      ConsistentRead: true,
    },
    [table("credentials")]: { Keys: [credentialKey(id)], ConsistentRead: true },
  });
  const item = found.get(table("users"))?.[0];
  if (!item) return null;
  const credentials = found.get(table("credentials"))?.[0];
  const stored = credentials?.passwordHash;
  const legacy = item.passwordHash;
  const passwordHash = typeof stored === "string" ? stored : typeof legacy === "string" ? legacy : null;
  return {
    ...parseUserItem(item),
    passwordHash,
    legacyHash: typeof stored !== "string" && typeof legacy === "string",
    secondFactor: secondFactorOf(credentials),
    passkeyCount: passkeyCountOf(credentials),
    ssoLinks: ssoLinksOf(credentials),
  };
}

/** Writes a sign-in with a second factor brings into its transaction, and the factor for the audit entry. */
export interface SecondFactorWrites {
  method: "totp" | "recovery_code" | "passkey";
  /** The credential id of the passkey used, and whether it signed in alone (no password step). */
  passkey?: { credentialId: string; passwordless: boolean };
  /** The spent challenge and proof: a failed condition on any of them refuses the sign-in. */
  items: (sessionId: string) => TransactItem[];
}

/** A sign-in through an OIDC provider: audited as `auth.sso_signed_in`, with the link write (lib/db/sso-links.ts) in its transaction. */
export interface SsoWrites {
  provider: string;
  /** A failed condition (the account is linked to another subject of this provider) refuses the sign-in. */
  items: TransactItem[];
}

/**
 * Stamps the sign-in time, creates the session and writes `auth.signed_in` (`auth.sso_signed_in`
 * through SSO), in one transaction.
 * Conditioned on the account being active and on the session generation the credentials were
 * read with, so a deactivation or "sign out everywhere" that lands in between wins; with a
 * second factor, also on the challenge and the code being unspent (false when either was).
 */
export async function recordSignIn(
  user: User,
  sessionGeneration: number,
  session: { id: string; put: TransactItem },
  ctx: Omit<AuditContext, "actorId">,
  options: {
    /** A hash found on the user item (Credentials.legacyHash), moved to the credentials table in the same transaction. */
    moveHash?: string;
    secondFactor?: SecondFactorWrites;
    sso?: SsoWrites;
  } = {},
): Promise<boolean> {
  const { moveHash, secondFactor, sso } = options;
  const now = new Date();
  // An invitee who first signs in some other way than the link (single sign-on) is active from
  // now on: status, search items and per-status counts move here, for the role read.
  const invited = user.invitedAt !== undefined;
  const activated = { ...user, invitedAt: undefined };
  const removed = [...(moveHash ? ["passwordHash"] : []), ...(invited ? ["invitedAt"] : [])];
  // The sign-in before this one is kept for the person's own view ("previous sign-in"); the
  // session this one opens tells their next page which of the two is theirs (lib/db/sessions.ts).
  const set = ["lastSignInAt = :now", "lastSignInSession = :session", ...(user.lastSignInAt ? ["previousSignInAt = lastSignInAt"] : [])];
  try {
    await transact(
      [
        {
          Update: {
            TableName: table("users"),
            Key: { id: user.id },
            // Not a version bump: signing in is not an edit and must not make an open form stale.
            UpdateExpression: `SET ${set.join(", ")}${removed.length ? ` REMOVE ${removed.join(", ")}` : ""}`,
            ConditionExpression: `isActive = :yes AND (attribute_not_exists(sessionGeneration) OR sessionGeneration = :generation)${
              invited ? " AND attribute_exists(invitedAt) AND #role = :role" : ""
            }`,
            ...(invited ? { ExpressionAttributeNames: { "#role": "role" } } : {}),
            ExpressionAttributeValues: {
              ":now": now.toISOString(),
              ":session": session.id,
              ":yes": true,
              ":generation": sessionGeneration,
              ...(invited ? { ":role": user.role } : {}),
            },
          },
        },
        ...(invited ? [...userSearchWrites(user, activated), ...userCountChanges(user, activated)] : []),
        session.put,
        ...(moveHash ? [passwordHashWrite(user.id, moveHash, now)] : []),
        auditPut(
          { ...ctx, actorId: user.id, actorRole: user.role },
          sso
            ? { action: "auth.sso_signed_in", targetUserId: user.id, details: { email: user.email, sessionId: session.id, provider: sso.provider } }
            : { action: "auth.signed_in", targetUserId: user.id, details: { email: user.email, sessionId: session.id, ...signedInWith(secondFactor) } },
          now,
        ),
        ...(secondFactor?.items(session.id) ?? []),
        ...(sso?.items ?? []),
      ],
      // The account's state, a spent challenge or a code another request used first.
      (codes) => (codes.includes("ConditionalCheckFailed") ? new StaleSignIn() : new Error(`recordSignIn cancelled: ${codes.join(",")}`)),
    );
    return true;
  } catch (error) {
    if (error instanceof StaleSignIn) return false;
    throw error;
  }
}

class StaleSignIn extends Error {}

/** How the audit entry says the sign-in was proved beyond (or instead of) the password. */
function signedInWith(secondFactor: SecondFactorWrites | undefined) {
  if (!secondFactor) return {};
  if (secondFactor.passkey?.passwordless) return { passwordless: true as const, passkey: secondFactor.passkey.credentialId };
  return { secondFactor: secondFactor.method, ...(secondFactor.passkey ? { passkey: secondFactor.passkey.credentialId } : {}) };
}
