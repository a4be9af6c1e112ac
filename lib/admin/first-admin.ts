import "server-only";
import { randomUUID } from "node:crypto";
import { ConflictError, ValidationError } from "@/lib/errors";
import { emailSchema } from "@/lib/validation/users";
import { type AuditContext, auditPut, SYSTEM_ACTOR } from "@/lib/db/audit";
import { table } from "@/lib/db/client";
import { issuePasswordReset, newInvite } from "@/lib/db/invites";
import { transact } from "@/lib/db/transact";
import { createUser, getUserByEmail } from "@/lib/db/users";
import { ensureUserSearch } from "@/lib/db/user-search-rebuild";

// `npm run admin:create`: the first admin of an installation on AWS, where nobody can sign in
// yet to invite anyone. No password is ever chosen or printed: the admin gets the same one-time
// set-password link (/invite/<token>) an admin's "Create user" gives, written in the same
// transaction as the user and its audit entries (lib/db/users.ts createUser).
//
// Running it again with the same email creates nothing. What it does then is what an operator
// re-running a setup step expects, and nothing more powerful unless asked:
// - the admin has never set a password (the first link was lost or expired): a fresh link,
//   which revokes the previous one;
// - the admin has set a password: refused, because a new link would let whoever holds the
//   console's output take the account over; `reset: true` (--reset) is the deliberate
//   break-glass for an admin who lost it;
// - the email belongs to a non-admin or a deactivated user: refused, since promoting or
//   reactivating is a decision for the app, where it is audited with a person as the actor.

/** The user agent recorded on the audit entries this command writes. */
export const ADMIN_CREATE_AGENT = "prework-admin-create";

export interface CreateAdminInput {
  email: string;
  name?: string;
  /** Issue a reset link to an admin who has already set a password. */
  reset?: boolean;
  /** The app's public origin, e.g. https://admin.example.com (AUTH_URL). */
  origin: string;
}

export type CreateAdminOutcome =
  | { outcome: "created"; userId: string; email: string; link: string; expiresAt: string }
  | { outcome: "link_reissued"; userId: string; email: string; link: string; expiresAt: string }
  | { outcome: "reset_issued"; userId: string; email: string; link: string; expiresAt: string };

/** Refusals the operator can act on; the script prints the message alone. */
export class AdminExistsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminExistsError";
  }
}

const ctx: AuditContext = { actorId: SYSTEM_ACTOR, userAgent: ADMIN_CREATE_AGENT };

function linkFor(origin: string, token: string): string {
  return `${new URL(origin).origin}/invite/${token}`;
}

export async function createFirstAdmin(input: CreateAdminInput): Promise<CreateAdminOutcome> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) throw new ValidationError(`"${input.email}" is not a valid email address.`);
  const email = parsed.data;
  const name = input.name?.trim() || "Administrator";

  // An installation from before the word index gets it and its per-role counts first.
  await ensureUserSearch();
  const id = randomUUID();
  const invite = newInvite(id, "invite");
  try {
    await createUser({ email, name, role: "admin" }, ctx, { id, invite: invite.put, inviteExpiresAt: invite.expiresAt });
    return { outcome: "created", userId: id, email, link: linkFor(input.origin, invite.token), expiresAt: invite.expiresAt };
  } catch (error) {
    // The email guard refused: a user with this email exists (an earlier run, or one racing).
    if (!(error instanceof ConflictError)) throw error;
  }
  return existingAdmin(email, input);
}

async function existingAdmin(email: string, input: CreateAdminInput): Promise<CreateAdminOutcome> {
  const user = await getUserByEmail(email);
  if (!user) throw new Error(`${email} is taken by a user that cannot be read; run the command again.`);
  if (user.role !== "admin") {
    throw new AdminExistsError(`${email} belongs to an existing ${user.role}; nothing was changed. Change their role in the app (Users → ${user.name}) instead.`);
  }
  if (!user.isActive) {
    throw new AdminExistsError(`${email} is a deactivated admin; nothing was changed. Another admin can reactivate them in the app.`);
  }
  const fresh = await reissueInvite(user.id);
  if (fresh) return { outcome: "link_reissued", userId: user.id, email, link: linkFor(input.origin, fresh.token), expiresAt: fresh.expiresAt };
  if (!input.reset) {
    throw new AdminExistsError(
      `The admin ${email} exists and has set a password; nothing was changed. ` +
        `If they lost it, use "Forgot password?" on the sign-in page, or run this again with --reset for a one-time reset link.`,
    );
  }
  const reset = await issuePasswordReset(user.id, ctx, { by: "admin" });
  return { outcome: "reset_issued", userId: user.id, email, link: linkFor(input.origin, reset.token), expiresAt: reset.expiresAt };
}

/**
 * A new invitation link for an active user who has never set a password, or null when they
 * have one. DynamoDB decides (no credentials item, no hash left on the user item from before
 * the credentials table), so a password set meanwhile is never bypassed by a stale read.
 */
async function reissueInvite(userId: string): Promise<{ token: string; expiresAt: string } | null> {
  const now = new Date();
  const invite = newInvite(userId, "invite", now);
  try {
    await transact(
      [
        invite.put,
        {
          ConditionCheck: {
            TableName: table("users"),
            Key: { id: userId },
            ConditionExpression: "isActive = :yes AND attribute_not_exists(passwordHash)",
            ExpressionAttributeValues: { ":yes": true },
          },
        },
        {
          ConditionCheck: {
            TableName: table("credentials"),
            Key: { userId },
            ConditionExpression: "attribute_not_exists(userId)",
          },
        },
        auditPut(ctx, { action: "user.invited", targetUserId: userId, details: { expiresAt: invite.expiresAt } }, now),
      ],
      (codes) => (codes[1] === "ConditionalCheckFailed" || codes[2] === "ConditionalCheckFailed" ? new HasPassword() : new Error(`reissueInvite cancelled: ${codes.join(",")}`)),
    );
  } catch (error) {
    if (error instanceof HasPassword) return null;
    throw error;
  }
  return { token: invite.token, expiresAt: invite.expiresAt };
}

class HasPassword extends Error {}
