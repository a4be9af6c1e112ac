import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { type AuditContext, auditPut } from "./audit";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { queryPages } from "./query-pages";
import { INDEX } from "./tables";
import { transact, type TransactItem } from "./transact";
import { parseUserItem, USER_READ } from "./user-item";
import { type User } from "@/lib/validation/users";

// Server-side sessions. The Auth.js cookie carries a random secret; the item is keyed by its
// SHA-256, so the table never holds a usable credential and the id can be shown and used to
// revoke a session. A session is live while its item exists, has not expired, and carries the
// user's current `sessionGeneration`: "sign out everywhere", deactivation and password changes
// bump that number on the user item in the same transaction as the change and its audit entry,
// which ends every session at once however many there are (a transaction holds 100 items).

export const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ipAddress: z.string().optional(),
  userAgent: z.string().optional(),
  generation: z.number().int(),
  expiresAtEpoch: z.number().int(),
  absoluteExpiresAtEpoch: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

/** "Last seen" (and the idle expiry with it) is written at most this often per session. */
export const TOUCH_INTERVAL_MS = 60_000;
/** Beyond any real person's devices; the sessions page lists this many at most. */
const MAX_LISTED = 200;
const ENDED = "This session has already ended.";

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

export function sessionIdOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function idleExpiry(now: Date, absoluteExpiresAtEpoch: number): number {
  return Math.min(absoluteExpiresAtEpoch, epoch(now) + env().SESSION_IDLE_HOURS * 3600);
}

export interface NewSession {
  /** Goes into the cookie (inside the encrypted Auth.js token) and nowhere else. */
  secret: string;
  session: Session;
  put: TransactItem;
}

/** A session for the transaction that records the sign-in. */
export function newSession(userId: string, generation: number, ctx: Pick<AuditContext, "ipAddress" | "userAgent">, now = new Date()): NewSession {
  const secret = randomBytes(32).toString("base64url");
  const absoluteExpiresAtEpoch = epoch(now) + env().SESSION_MAX_AGE_DAYS * 86_400;
  const session: Session = {
    id: sessionIdOf(secret),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    ...(ctx.ipAddress ? { ipAddress: ctx.ipAddress.slice(0, 64) } : {}),
    ...(ctx.userAgent ? { userAgent: ctx.userAgent.slice(0, 512) } : {}),
    generation,
    expiresAtEpoch: idleExpiry(now, absoluteExpiresAtEpoch),
    absoluteExpiresAtEpoch,
  };
  return { secret, session, put: { Put: { TableName: table("sessions"), Item: session, ConditionExpression: "attribute_not_exists(id)" } } };
}

/** Live: not expired (TTL deletes late, so the time is checked too) and of the user's generation. */
export function isLive(session: Session, generation: number, now = new Date()): boolean {
  return session.generation === generation && session.expiresAtEpoch > epoch(now);
}

/** An authenticator app or at least one passkey (lib/db/passkeys.ts keeps the count). */
function hasAnySecondFactor(credentials: Record<string, unknown> | undefined): boolean {
  return typeof credentials?.totpEnrolledAt === "string" || (typeof credentials?.passkeyCount === "number" && credentials.passkeyCount > 0);
}

export interface SignedIn {
  user: User;
  session: Session;
  /** Whether the user has a second factor; read only while some role must have one (MFA_REQUIRED_ROLES), else undefined. */
  hasSecondFactor?: boolean;
  /**
   * The person's sign-in before this session's, for their own view ("previous sign-in"): when
   * the last recorded sign-in opened this session, the one before it; otherwise the last one
   * (they signed in elsewhere since). Undefined when there was none.
   */
  signInBefore?: string;
}

export function signInBefore(item: Record<string, unknown>, sessionId: string): string | undefined {
  const pick = item.lastSignInSession === sessionId ? item.previousSignInAt : item.lastSignInAt;
  return typeof pick === "string" ? pick : undefined;
}

/**
 * The user and the session a cookie names, in one strongly consistent BatchGetItem (one round
 * trip, as reading the user alone took). Null unless both exist, belong together, the session
 * is live and the user active.
 */
export async function getSignedIn(userId: string, secret: string, now = new Date()): Promise<SignedIn | null> {
  const sessionId = sessionIdOf(secret);
  const users = table("users");
  const sessions = table("sessions");
  const credentials = table("credentials");
  // The policy needs to know whether a second factor exists: one more key in the same round trip.
  const withPolicy = env().MFA_REQUIRED_ROLES.length > 0;
  const found = await batchGetAll({
    [users]: { Keys: [{ id: userId }], ...USER_READ, ConsistentRead: true },
    [sessions]: { Keys: [{ id: sessionId }], ConsistentRead: true },
    ...(withPolicy ? { [credentials]: { Keys: [{ userId }], ProjectionExpression: "userId, totpEnrolledAt, passkeyCount", ConsistentRead: true } } : {}),
  });
  const userItem = found.get(users)?.[0];
  const sessionItem = found.get(sessions)?.[0];
  if (!userItem || !sessionItem) return null;
  const { user, sessionGeneration } = parseUserItem(userItem);
  const session = sessionSchema.parse(sessionItem);
  if (session.userId !== user.id || !user.isActive || !isLive(session, sessionGeneration, now)) return null;
  const before = signInBefore(userItem, session.id);
  return { user, session, ...(before ? { signInBefore: before } : {}), ...(withPolicy ? { hasSecondFactor: hasAnySecondFactor(found.get(credentials)?.[0]) } : {}) };
}

/**
 * Stamps "last seen" (and slides the idle expiry) when the last stamp is older than the
 * interval. Conditioned on the stamp it read, so of several parallel requests one writes, and
 * on the item existing, so a revoked session is not written back.
 */
export async function touchSession(session: Session, ctx: Pick<AuditContext, "ipAddress" | "userAgent">, now = new Date()): Promise<boolean> {
  if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_INTERVAL_MS) return false;
  try {
    await db().send(
      new UpdateCommand({
        TableName: table("sessions"),
        Key: { id: session.id },
        UpdateExpression: "SET lastSeenAt = :now, expiresAtEpoch = :exp" + (ctx.ipAddress ? ", ipAddress = :ip" : "") + (ctx.userAgent ? ", userAgent = :ua" : ""),
        ConditionExpression: "attribute_exists(id) AND lastSeenAt = :previous",
        ExpressionAttributeValues: {
          ":now": now.toISOString(),
          ":exp": idleExpiry(now, session.absoluteExpiresAtEpoch),
          ":previous": session.lastSeenAt,
          ...(ctx.ipAddress ? { ":ip": ctx.ipAddress.slice(0, 64) } : {}),
          ...(ctx.userAgent ? { ":ua": ctx.userAgent.slice(0, 512) } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function currentGeneration(userId: string): Promise<number> {
  const out = await db().send(
    new GetCommand({ TableName: table("users"), Key: { id: userId }, ProjectionExpression: "id, sessionGeneration", ConsistentRead: true }),
  );
  if (!out.Item) throw new NotFoundError("This user does not exist.");
  return Number(out.Item.sessionGeneration ?? 0);
}

/** A user's live sessions, most recently active first. */
export async function listSessions(userId: string, now = new Date()): Promise<Session[]> {
  const [generation, items] = await Promise.all([currentGeneration(userId), queryUserSessions(userId)]);
  return items
    .filter((s) => isLive(s, generation, now))
    .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

async function queryUserSessions(userId: string): Promise<Session[]> {
  const found: Session[] = [];
  const pages = queryPages({
    TableName: table("sessions"),
    IndexName: INDEX.sessions.byUser,
    KeyConditionExpression: "userId = :u",
    FilterExpression: "expiresAtEpoch > :now",
    ExpressionAttributeValues: { ":u": userId, ":now": epoch(new Date()) },
    ScanIndexForward: false,
  });
  for await (const out of pages) {
    for (const item of out.Items ?? []) found.push(sessionSchema.parse(item));
    if (found.length >= MAX_LISTED) break;
  }
  return found;
}

/** Ends one session of `userId` (a session id of someone else's answers as already ended). */
export async function revokeSession(userId: string, sessionId: string, ctx: AuditContext): Promise<void> {
  await transact(
    [
      {
        Delete: {
          TableName: table("sessions"),
          Key: { id: sessionId },
          ConditionExpression: "userId = :u",
          ExpressionAttributeValues: { ":u": userId },
        },
      },
      auditPut(ctx, { action: "session.revoked", targetUserId: userId, details: { sessionId } }),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? new NotFoundError(ENDED) : new Error(`revokeSession cancelled: ${codes.join(",")}`)),
  );
}

/**
 * Ends all of a user's sessions, except `keep` (the one asking, for "sign out of all other
 * sessions"), which moves to the new generation in the same transaction. Returns how many ended.
 */
export async function revokeAllSessions(userId: string, ctx: AuditContext, options: { keep?: Session } = {}): Promise<number> {
  const now = new Date();
  const [generation, items] = await Promise.all([currentGeneration(userId), queryUserSessions(userId)]);
  const ending = items.filter((s) => isLive(s, generation, now) && s.id !== options.keep?.id);
  const next = generation + 1;
  const writes: TransactItem[] = [
    {
      Update: {
        TableName: table("users"),
        Key: { id: userId },
        UpdateExpression: "SET sessionGeneration = :next",
        // The generation read above: a concurrent revoke makes this one retry from the start.
        ConditionExpression: "attribute_exists(id) AND (attribute_not_exists(sessionGeneration) OR sessionGeneration = :current)",
        ExpressionAttributeValues: { ":next": next, ":current": generation },
      },
    },
    auditPut(ctx, {
      action: "session.revoked_all",
      targetUserId: userId,
      details: { count: ending.length, ...(options.keep ? { keptSessionId: options.keep.id } : {}) },
    }, now),
  ];
  if (options.keep) {
    writes.push({
      Update: {
        TableName: table("sessions"),
        Key: { id: options.keep.id },
        UpdateExpression: "SET generation = :next",
        ConditionExpression: "userId = :u AND generation = :current",
        ExpressionAttributeValues: { ":next": next, ":current": generation, ":u": userId },
      },
    });
  }
  await transact(writes, (codes) =>
    codes[0] === "ConditionalCheckFailed"
      ? new ConflictError("The sessions changed at the same moment. Try again.")
      : codes[2] === "ConditionalCheckFailed"
        ? new NotFoundError(ENDED)
        : new Error(`revokeAllSessions cancelled: ${codes.join(",")}`),
  );
  await deleteQuietly(ending.map((s) => s.id));
  return ending.length;
}

/** Tidies items of sessions that already ended (the generation did it); TTL catches any left. */
async function deleteQuietly(ids: string[]): Promise<void> {
  try {
    for (let i = 0; i < ids.length; i += 25) {
      const requests = ids.slice(i, i + 25).map((id) => ({ DeleteRequest: { Key: { id } } }));
      await db().send(new BatchWriteCommand({ RequestItems: { [table("sessions")]: requests } }));
    }
  } catch (error) {
    console.warn("ended sessions left for TTL to remove", error);
  }
}

/** Signing out: the session goes, with `auth.signed_out`, in one transaction. */
export async function endSession(session: Session, ctx: AuditContext): Promise<void> {
  await transact(
    [
      { Delete: { TableName: table("sessions"), Key: { id: session.id } } },
      auditPut(ctx, { action: "auth.signed_out", targetUserId: session.userId, details: { sessionId: session.id } }),
    ],
    (codes) => new Error(`endSession cancelled: ${codes.join(",")}`),
  );
}
