import "server-only";
import { randomUUID } from "node:crypto";
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { diff } from "@/lib/audit/diff";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { emailSchema, ROLES, type Role } from "@/lib/validation/users";
import { type AuditContext, auditPut } from "./audit";
import { db, table } from "./client";
import { decodeCursor, encodeCursor, type Page } from "./cursor";
import { type CancellationCodes, transact, type TransactItem } from "./transact";

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  lastSignInAt: z.string().optional(),
});
export type User = z.infer<typeof userSchema>;

// Every read names its attributes, so the password hash never leaves this module by accident.
const USER_ATTRIBUTES = ["id", "email", "#name", "#role", "isActive", "createdAt", "updatedAt", "version", "lastSignInAt"];
const PROJECTION = USER_ATTRIBUTES.join(", ");
const PROJECTION_NAMES = { "#name": "name", "#role": "role" };

/** Constant partition value of Directory-Created-Index ("all users" without a Scan). */
const DIRECTORY = "users";

const STALE = "This user was changed by someone else since you opened it. Reload to see their change.";
const EMAIL_TAKEN = "A user with this email already exists.";

function toUser(item: Record<string, unknown> | undefined): User | null {
  return item ? userSchema.parse(item) : null;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash?: string;
}

function guardPut(email: string, userId: string): TransactItem {
  return {
    Put: {
      TableName: table("userEmails"),
      Item: { email, userId },
      ConditionExpression: "attribute_not_exists(email)",
    },
  };
}

function guardDelete(email: string, userId: string): TransactItem {
  return {
    Delete: {
      TableName: table("userEmails"),
      Key: { email },
      ConditionExpression: "userId = :id",
      ExpressionAttributeValues: { ":id": userId },
    },
  };
}

export async function createUser(input: NewUser, ctx: AuditContext, options: { batchId?: string } = {}): Promise<User> {
  const now = new Date();
  const email = emailSchema.parse(input.email);
  const user: User = {
    id: randomUUID(),
    email,
    name: input.name,
    role: input.role,
    isActive: true,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await transact(
    [
      {
        Put: {
          TableName: table("users"),
          Item: { ...user, directory: DIRECTORY, ...(input.passwordHash ? { passwordHash: input.passwordHash } : {}) },
          ConditionExpression: "attribute_not_exists(id)",
        },
      },
      guardPut(email, user.id),
      auditPut(ctx, {
        action: "user.created",
        targetUserId: user.id,
        details: { email, name: user.name, role: user.role, ...(options.batchId ? { batchId: options.batchId } : {}) },
      }, now),
    ],
    (codes) => (codes[1] === "ConditionalCheckFailed" ? new ConflictError(EMAIL_TAKEN, "email") : new Error(`createUser cancelled: ${codes.join(",")}`)),
  );
  return user;
}

export async function getUser(id: string, options: { consistent?: boolean } = {}): Promise<User | null> {
  const out = await db().send(
    new GetCommand({
      TableName: table("users"),
      Key: { id },
      ProjectionExpression: PROJECTION,
      ExpressionAttributeNames: PROJECTION_NAMES,
      ConsistentRead: options.consistent ?? false,
    }),
  );
  return toUser(out.Item);
}

/** Many users in one round trip per 100 ids (BatchGetItem's limit); unknown ids are absent. */
export async function getUsersByIds(ids: readonly string[]): Promise<Map<string, User>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, User>();
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => ({ id }));
    while (keys && keys.length) {
      const out: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({
          RequestItems: {
            [table("users")]: { Keys: keys, ProjectionExpression: PROJECTION, ExpressionAttributeNames: PROJECTION_NAMES },
          },
        }),
      );
      for (const item of out.Responses?.[table("users")] ?? []) {
        const user = userSchema.parse(item);
        found.set(user.id, user);
      }
      keys = out.UnprocessedKeys?.[table("users")]?.Keys;
    }
  }
  return found;
}

async function userIdForEmail(email: string): Promise<string | null> {
  const out = await db().send(
    new GetCommand({ TableName: table("userEmails"), Key: { email }, ConsistentRead: true }),
  );
  const userId = out.Item?.userId;
  return typeof userId === "string" ? userId : null;
}

/** By email, through the uniqueness guard with strongly consistent reads (authentication). */
export async function getUserByEmail(rawEmail: string): Promise<User | null> {
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) return null;
  const id = await userIdForEmail(email.data);
  return id ? getUser(id, { consistent: true }) : null;
}

/**
 * The user and their password hash, for the sign-in check in lib/auth only: no page or action
 * result may carry the hash.
 */
export async function getCredentialsByEmail(rawEmail: string): Promise<{ user: User; passwordHash: string | null } | null> {
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) return null;
  const id = await userIdForEmail(email.data);
  if (!id) return null;
  const out = await db().send(
    new GetCommand({
      TableName: table("users"),
      Key: { id },
      ProjectionExpression: `${PROJECTION}, passwordHash`,
      ExpressionAttributeNames: PROJECTION_NAMES,
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return null;
  const hash = out.Item.passwordHash;
  return { user: userSchema.parse(out.Item), passwordHash: typeof hash === "string" ? hash : null };
}

export interface ListUsersQuery {
  role?: Role;
  limit?: number;
  cursor?: string | null;
}

/** Newest first; by role on Role-Index, otherwise everyone on Directory-Created-Index. */
export async function listUsers(query: ListUsersQuery = {}): Promise<Page<User>> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 100);
  const scope = `users:${query.role ?? "all"}`;
  const [index, condition, values] = query.role
    ? ["Role-Index", "#role = :pk", { ":pk": query.role }]
    : ["Directory-Created-Index", "directory = :pk", { ":pk": DIRECTORY }];
  const out = await db().send(
    new QueryCommand({
      TableName: table("users"),
      IndexName: index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: PROJECTION_NAMES,
      ExpressionAttributeValues: values,
      ProjectionExpression: PROJECTION,
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(scope, query.cursor),
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => userSchema.parse(item)),
    nextCursor: encodeCursor(scope, out.LastEvaluatedKey),
  };
}

export interface UserPatch {
  name?: string;
  email?: string;
  role?: Role;
}

function staleOrMissing(codes: CancellationCodes, extra?: (codes: CancellationCodes) => Error | null): Error {
  const specific = extra?.(codes);
  if (specific) return specific;
  if (codes[0] === "ConditionalCheckFailed") return new ConflictError(STALE);
  return new Error(`user update cancelled: ${codes.join(",")}`);
}

async function requireCurrent(id: string, expectedVersion: number): Promise<User> {
  const current = await getUser(id, { consistent: true });
  if (!current) throw new NotFoundError("This user does not exist.");
  if (current.version !== expectedVersion) throw new ConflictError(STALE);
  return current;
}

/**
 * Name, email and role, with optimistic locking: `expectedVersion` is the version the caller
 * read. The audit entry (dotted-path changes) is written in the same transaction; an email
 * change swaps the uniqueness guard in that transaction too.
 */
export async function updateUser(id: string, expectedVersion: number, patch: UserPatch, ctx: AuditContext): Promise<User> {
  const current = await requireCurrent(id, expectedVersion);
  const next: User = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.email !== undefined ? { email: emailSchema.parse(patch.email) } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
  };
  const changeSet = diff(
    { name: current.name, email: current.email, role: current.role },
    { name: next.name, email: next.email, role: next.role },
  );
  if (changeSet.affectedFields.length === 0) return current;

  const now = new Date();
  const updated: User = { ...next, updatedAt: now.toISOString(), version: current.version + 1 };
  const emailChanged = next.email !== current.email;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: table("users"),
        Key: { id },
        UpdateExpression: "SET #name = :name, email = :email, #role = :role, updatedAt = :now, version = :next",
        ConditionExpression: "version = :expected",
        ExpressionAttributeNames: { "#name": "name", "#role": "role" },
        ExpressionAttributeValues: {
          ":name": updated.name,
          ":email": updated.email,
          ":role": updated.role,
          ":now": updated.updatedAt,
          ":next": updated.version,
          ":expected": expectedVersion,
        },
      },
    },
    auditPut(ctx, { action: "user.updated", targetUserId: id, details: changeSet }, now),
  ];
  if (current.role !== updated.role) {
    items.push(auditPut(ctx, { action: "user.role_changed", targetUserId: id, details: { from: current.role, to: updated.role } }, now));
  }
  const guardIndex = items.length;
  if (emailChanged) items.push(guardDelete(current.email, id), guardPut(updated.email, id));

  await transact(items, (codes) =>
    staleOrMissing(codes, (c) =>
      emailChanged && c[guardIndex + 1] === "ConditionalCheckFailed" ? new ConflictError(EMAIL_TAKEN, "email") : null,
    ),
  );
  return updated;
}

/** Soft delete and its undo; sessions of an inactive user stop on their next request. */
export async function setUserActive(id: string, expectedVersion: number, active: boolean, ctx: AuditContext): Promise<User> {
  const current = await requireCurrent(id, expectedVersion);
  if (current.isActive === active) return current;
  const now = new Date();
  const updated: User = { ...current, isActive: active, updatedAt: now.toISOString(), version: current.version + 1 };
  await transact(
    [
      {
        Update: {
          TableName: table("users"),
          Key: { id },
          UpdateExpression: "SET isActive = :active, updatedAt = :now, version = :next",
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: { ":active": active, ":now": updated.updatedAt, ":next": updated.version, ":expected": expectedVersion },
        },
      },
      auditPut(ctx, { action: active ? "user.reactivated" : "user.deactivated", targetUserId: id, details: {} }, now),
    ],
    (codes) => staleOrMissing(codes),
  );
  return updated;
}

/** Stamps the sign-in time and writes `auth.signed_in` in one transaction. */
export async function recordSignIn(user: User, ctx: Omit<AuditContext, "actorId">): Promise<void> {
  const now = new Date();
  await transact(
    [
      {
        Update: {
          TableName: table("users"),
          Key: { id: user.id },
          // Not a version bump: signing in is not an edit and must not make an open form stale.
          UpdateExpression: "SET lastSignInAt = :now",
          ConditionExpression: "attribute_exists(id)",
          ExpressionAttributeValues: { ":now": now.toISOString() },
        },
      },
      auditPut({ ...ctx, actorId: user.id }, { action: "auth.signed_in", targetUserId: user.id, details: { email: user.email } }, now),
    ],
    (codes) => new Error(`recordSignIn cancelled: ${codes.join(",")}`),
  );
}

/** Whether any admin exists (first-run seeding). One item is enough to answer. */
export async function anyAdminExists(): Promise<boolean> {
  const out = await db().send(
    new QueryCommand({
      TableName: table("users"),
      IndexName: "Role-Index",
      KeyConditionExpression: "#role = :admin",
      ExpressionAttributeNames: { "#role": "role" },
      ExpressionAttributeValues: { ":admin": "admin" },
      ProjectionExpression: "id",
      Limit: 1,
    }),
  );
  return (out.Items?.length ?? 0) > 0;
}
