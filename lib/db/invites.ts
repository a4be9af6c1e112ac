import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ThrottledError, ValidationError } from "@/lib/errors";
import { userStatus } from "@/lib/validation/users";
import { type AuditContext, auditPut, type NewAuditEntry } from "./audit";
import { db, table } from "./client";
import { transact, type TransactItem } from "./transact";
import { END_ALL_SESSIONS } from "./user-item";
import { passwordHashWrite } from "./credentials";
import { userCountChanges, userSearchWrites } from "./user-search";
import { getUser } from "./users";

// One-time set-password links. The token is `{userId}.{secret}`; only a SHA-256 of the secret
// is stored, under the user's id, so issuing a new link replaces (and so revokes) the old one.

export type InviteKind = "invite" | "reset";

export const INVITE_TTL_HOURS = 72;
export const INVALID_LINK = "This link is invalid, expired or already used. Ask an administrator for a new one, or send yourself one from the sign-in page (Forgot password?).";

export interface IssuedInvite {
  token: string;
  expiresAt: string;
  /** The invite's Put, for the transaction that creates the user or records the reset. */
  put: TransactItem;
}

function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newInvite(userId: string, kind: InviteKind, now = new Date(), hours = INVITE_TTL_HOURS): IssuedInvite {
  const secret = randomBytes(32).toString("base64url");
  const expires = new Date(now.getTime() + hours * 3_600_000);
  return {
    token: `${userId}.${secret}`,
    expiresAt: expires.toISOString(),
    put: {
      Put: {
        TableName: table("invites"),
        Item: {
          userId,
          tokenHash: digest(secret),
          kind,
          issuedAt: now.toISOString(),
          expiresAt: expires.toISOString(),
          expiresAtEpoch: Math.floor(expires.getTime() / 1000),
        },
      },
    },
  };
}

function splitToken(token: string): { userId: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { userId: match[1]!, secret: match[2]! } : null;
}

export interface ValidInvite {
  userId: string;
  kind: InviteKind;
  expiresAt: string;
}

/** The invite a token names, if it is the user's current one and has not expired. */
export async function findInvite(token: string): Promise<ValidInvite | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const out = await db().send(new GetCommand({ TableName: table("invites"), Key: { userId: parts.userId }, ConsistentRead: true }));
  const item = out.Item;
  if (!item || typeof item.tokenHash !== "string") return null;
  const expected = Buffer.from(item.tokenHash, "hex");
  const given = Buffer.from(digest(parts.secret), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(item.expiresAtEpoch) * 1000 <= Date.now()) return null;
  return { userId: parts.userId, kind: item.kind === "reset" ? "reset" : "invite", expiresAt: String(item.expiresAt) };
}

/** Who asked for a reset link: an administrator (72-hour link) or the person themself ("Forgot password?"). */
export type ResetRequest = { by: "admin" } | { by: "self"; email: string; minutes: number };

function resetAudit(request: ResetRequest, userId: string, expiresAt: string): NewAuditEntry {
  return request.by === "admin"
    ? { action: "user.password_reset_issued", targetUserId: userId, details: { expiresAt } }
    : { action: "auth.password_reset_requested", targetUserId: userId, details: { email: request.email, outcome: "link_issued", expiresAt } };
}

/** A fresh link for an existing, active user; the previous link stops working. */
export async function issuePasswordReset(userId: string, ctx: AuditContext, request: ResetRequest = { by: "admin" }): Promise<{ token: string; expiresAt: string }> {
  const now = new Date();
  const invite = newInvite(userId, "reset", now, request.by === "self" ? request.minutes / 60 : INVITE_TTL_HOURS);
  await transact(
    [
      invite.put,
      {
        ConditionCheck: {
          TableName: table("users"),
          Key: { id: userId },
          ConditionExpression: "isActive = :yes",
          ExpressionAttributeValues: { ":yes": true },
        },
      },
      auditPut(ctx, resetAudit(request, userId, invite.expiresAt), now),
    ],
    (codes) =>
      codes[1] === "ConditionalCheckFailed"
        ? new ValidationError("Only an active user can be sent a password link. Reactivate them first.")
        : new Error(`issuePasswordReset cancelled: ${codes.join(",")}`),
  );
  return { token: invite.token, expiresAt: invite.expiresAt };
}

/** How soon after an invite another may be sent to the same person. */
export const RESEND_INTERVAL_SECONDS = 60;
const RESENT_TOO_SOON = `An invitation was sent to them less than ${RESEND_INTERVAL_SECONDS} seconds ago. Wait a moment before sending another.`;
const NOT_INVITED = "This user is no longer waiting for an invitation: they have set a password or been deactivated.";

/**
 * A new invitation for an invited user (active, no password set yet): the new link replaces the
 * old one, which stops working, in one transaction with the `user.invite_resent` entry. At most
 * one every RESEND_INTERVAL_SECONDS per user, decided by DynamoDB on the invite it replaces.
 */
export async function resendInvite(userId: string, ctx: AuditContext, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const invite = newInvite(userId, "invite", now);
  const put = invite.put.Put!;
  await transact(
    [
      {
        Put: {
          ...put,
          ConditionExpression: "attribute_not_exists(issuedAt) OR issuedAt < :cutoff",
          ExpressionAttributeValues: { ":cutoff": new Date(now.getTime() - RESEND_INTERVAL_SECONDS * 1000).toISOString() },
        },
      },
      {
        ConditionCheck: {
          TableName: table("users"),
          Key: { id: userId },
          ConditionExpression: "isActive = :yes AND attribute_exists(invitedAt)",
          ExpressionAttributeValues: { ":yes": true },
        },
      },
      auditPut(ctx, { action: "user.invite_resent", targetUserId: userId, details: { expiresAt: invite.expiresAt } }, now),
    ],
    (codes) =>
      codes[1] === "ConditionalCheckFailed"
        ? new ValidationError(NOT_INVITED)
        : codes[0] === "ConditionalCheckFailed"
          ? new ThrottledError(RESENT_TOO_SOON)
          : new Error(`resendInvite cancelled: ${codes.join(",")}`),
  );
  return { token: invite.token, expiresAt: invite.expiresAt };
}

/**
 * Sets the password and spends the link in one transaction: the delete is conditioned on the
 * same hash, so of two racing submissions only one succeeds. An invited user becomes active in
 * it (status, search items and per-status counts move together), conditioned on the role and
 * invitation the counts were moved for.
 */
export async function consumeInvite(token: string, passwordHash: string, ctx: Omit<AuditContext, "actorId">): Promise<{ userId: string }> {
  const parts = splitToken(token);
  const [invite, user] = await Promise.all([findInvite(token), parts ? getUser(parts.userId, { consistent: true }) : null]);
  if (!invite || !parts || !user) throw new ValidationError(INVALID_LINK);
  const now = new Date();
  const invited = userStatus(user) === "invited";
  const activated = { ...user, invitedAt: undefined };
  await transact(
    [
      {
        Delete: {
          TableName: table("invites"),
          Key: { userId: invite.userId },
          ConditionExpression: "tokenHash = :hash AND expiresAtEpoch > :now",
          ExpressionAttributeValues: { ":hash": digest(parts.secret), ":now": Math.floor(now.getTime() / 1000) },
        },
      },
      {
        Update: {
          TableName: table("users"),
          Key: { id: invite.userId },
          // A new password ends every session signed in with the old one. A hash from before
          // the credentials table (docs/architecture.md §4) goes with it, and so does the invitation.
          UpdateExpression: `${END_ALL_SESSIONS.clause} REMOVE passwordHash, invitedAt`,
          ConditionExpression: `isActive = :yes AND #role = :role AND ${invited ? "attribute_exists" : "attribute_not_exists"}(invitedAt)`,
          ExpressionAttributeNames: { "#role": "role" },
          ExpressionAttributeValues: { ":yes": true, ":role": user.role, ...END_ALL_SESSIONS.values },
        },
      },
      passwordHashWrite(invite.userId, passwordHash, now),
      auditPut({ ...ctx, actorId: invite.userId }, { action: "user.password_set", targetUserId: invite.userId, details: { via: invite.kind } }, now),
      ...(invited ? [...userSearchWrites(user, activated), ...userCountChanges(user, activated)] : []),
    ],
    () => new ValidationError(INVALID_LINK),
  );
  return { userId: invite.userId };
}
