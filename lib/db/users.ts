import "server-only";
import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { diff } from "@/lib/audit/diff";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { emailSchema, type Role, type User, userSchema } from "@/lib/validation/users";
import { type AuditContext, auditPut } from "./audit";
import { activeAdminsChange } from "./counters";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { INDEX } from "./tables";
import { transact, type TransactItem } from "./transact";
import { guardDelete, guardPut, userIdForEmail } from "./user-email-guard";
import { DIRECTORY, END_ALL_SESSIONS, nameKey, USER_PROJECTION, USER_PROJECTION_NAMES } from "./user-item";
import { passwordHashWrite } from "./credentials";
import { userCountChanges, userSearchWrites } from "./user-search";

// The users repository: create, read and change users, each change in one transaction with its
// audit entry, the email guard (lib/db/user-email-guard.ts) and the active-admin count. What a
// user item holds is in lib/db/user-item.ts; signing in in lib/db/user-sign-in.ts.

const LAST_ADMIN = "This is the last active admin: make another admin first.";
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

export interface CreateUserOptions {
  /** Chosen by the caller when something else must name the user first (an invite). */
  id?: string;
  batchId?: string;
  /** A set-password link issued with the account (see lib/db/invites.ts). */
  invite?: TransactItem;
  inviteExpiresAt?: string;
  /** Writes that must happen with the account or not at all (an SSO link of a just-in-time account). */
  with?: TransactItem[];
}

export async function createUser(input: NewUser, ctx: AuditContext, options: CreateUserOptions = {}): Promise<User> {
  const now = new Date();
  const email = emailSchema.parse(input.email);
  const user: User = {
    id: options.id ?? randomUUID(),
    email,
    name: input.name,
    role: input.role,
    isActive: true,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    // Invited until they set a password (or first sign in): lib/validation/users.ts userStatus.
    ...(options.invite && !input.passwordHash ? { invitedAt: now.toISOString() } : {}),
  };
  const batch = options.batchId ? { batchId: options.batchId } : {};
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table("users"),
        Item: {
          ...user,
          directory: DIRECTORY,
          nameKey: nameKey(user.name, user.id),
        },
        ConditionExpression: "attribute_not_exists(id)",
      },
    },
    guardPut(email, user.id),
    auditPut(ctx, { action: "user.created", targetUserId: user.id, details: { email, name: user.name, role: user.role, ...batch } }, now),
  ];
  if (input.passwordHash) items.push(passwordHashWrite(user.id, input.passwordHash, now));
  if (user.role === "admin") items.push(activeAdminsChange(1));
  items.push(...userSearchWrites(null, user), ...userCountChanges(null, user));
  if (options.with) items.push(...options.with);
  if (options.invite) {
    items.push(options.invite);
    items.push(auditPut(ctx, { action: "user.invited", targetUserId: user.id, details: { expiresAt: options.inviteExpiresAt ?? "" } }, now));
  }
  await transact(items, (codes) =>
    codes[1] === "ConditionalCheckFailed" ? new ConflictError(EMAIL_TAKEN, "email") : new Error(`createUser cancelled: ${codes.join(",")}`),
  );
  return user;
}

export async function getUser(id: string, options: { consistent?: boolean } = {}): Promise<User | null> {
  const out = await db().send(
    new GetCommand({
      TableName: table("users"),
      Key: { id },
      ProjectionExpression: USER_PROJECTION,
      ExpressionAttributeNames: USER_PROJECTION_NAMES,
      ConsistentRead: options.consistent ?? false,
    }),
  );
  return toUser(out.Item);
}

/** Many users in one round trip per 100 ids (BatchGetItem's limit); unknown ids are absent. */
export async function getUsersByIds(ids: readonly string[], options: { consistent?: boolean } = {}): Promise<Map<string, User>> {
  const name = table("users");
  const found = await batchGetAll({
    [name]: {
      Keys: [...new Set(ids)].map((id) => ({ id })),
      ProjectionExpression: USER_PROJECTION,
      ExpressionAttributeNames: USER_PROJECTION_NAMES,
      ConsistentRead: options.consistent ?? false,
    },
  });
  const users = (found.get(name) ?? []).map((item) => userSchema.parse(item));
  return new Map(users.map((user) => [user.id, user]));
}

/** By email, through the uniqueness guard with strongly consistent reads (authentication). */
export async function getUserByEmail(rawEmail: string): Promise<User | null> {
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) return null;
  const id = await userIdForEmail(email.data);
  return id ? getUser(id, { consistent: true }) : null;
}

export interface UserPatch {
  name?: string;
  email?: string;
  role?: Role;
}

async function requireCurrent(id: string, expectedVersion: number): Promise<User> {
  const current = await getUser(id, { consistent: true });
  if (!current) throw new NotFoundError("This user does not exist.");
  if (current.version !== expectedVersion) throw new ConflictError(STALE, undefined, current);
  return current;
}

/** The admin-count change a role or status change implies, if any. */
function adminCountDelta(before: Pick<User, "role" | "isActive">, after: Pick<User, "role" | "isActive">): 1 | -1 | 0 {
  const was = before.role === "admin" && before.isActive;
  const is = after.role === "admin" && after.isActive;
  return was === is ? 0 : is ? 1 : -1;
}

/**
 * Runs a user change: the versioned update first, then the rest. Cancellation codes become
 * the error the person should see: a stale version (with the user as it is now), a taken
 * email, or the last active admin.
 */
async function writeUserChange(
  current: User,
  updated: User,
  update: Omit<NonNullable<TransactItem["Update"]>, "TableName" | "Key" | "ConditionExpression">,
  rest: TransactItem[],
  lastAdminField?: string,
): Promise<void> {
  const items: TransactItem[] = [
    { Update: { TableName: table("users"), Key: { id: current.id }, ConditionExpression: "version = :expected", ...update } },
    ...rest,
  ];
  const delta = adminCountDelta(current, updated);
  const counterIndex = delta ? items.push(activeAdminsChange(delta)) - 1 : -1;
  const emailChanged = current.email !== updated.email;
  const guardIndex = emailChanged ? items.push(guardDelete(current.email, current.id), guardPut(updated.email, current.id)) - 1 : -1;
  // The search items and per-role counts move with the user, in the same transaction.
  items.push(...userSearchWrites(current, updated), ...userCountChanges(current, updated));

  await transact(items, (codes) => {
    if (codes[0] === "ConditionalCheckFailed") return new ConflictError(STALE);
    if (guardIndex >= 0 && codes[guardIndex] === "ConditionalCheckFailed") return new ConflictError(EMAIL_TAKEN, "email");
    if (counterIndex >= 0 && codes[counterIndex] === "ConditionalCheckFailed") {
      return new ValidationError(LAST_ADMIN, lastAdminField ? { [lastAdminField]: [LAST_ADMIN] } : {});
    }
    return new Error(`user change cancelled: ${codes.join(",")}`);
  });
}

/**
 * Name, email and role, with optimistic locking: `expectedVersion` is the version the caller
 * read. The audit entries (dotted-path changes, and a role change) are written in the same
 * transaction; an email change swaps the uniqueness guard in it too.
 */
export async function updateUser(
  id: string,
  expectedVersion: number,
  patch: UserPatch,
  ctx: AuditContext,
  options: { batchId?: string } = {},
): Promise<User> {
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
  const batch = options.batchId ? { batchId: options.batchId } : {};
  const audits = [auditPut(ctx, { action: "user.updated", targetUserId: id, details: { ...changeSet, ...batch } }, now)];
  if (current.role !== updated.role) {
    audits.push(auditPut(ctx, { action: "user.role_changed", targetUserId: id, details: { from: current.role, to: updated.role, ...batch } }, now));
  }
  await writeUserChange(
    current,
    updated,
    {
      UpdateExpression: "SET #name = :name, nameKey = :nameKey, email = :email, #role = :role, updatedAt = :now, version = :next",
      ExpressionAttributeNames: { "#name": "name", "#role": "role" },
      ExpressionAttributeValues: {
        ":name": updated.name,
        ":nameKey": nameKey(updated.name, id),
        ":email": updated.email,
        ":role": updated.role,
        ":now": updated.updatedAt,
        ":next": updated.version,
        ":expected": expectedVersion,
      },
    },
    audits,
    "role",
  );
  return updated;
}

/** Soft delete and its undo; deactivation ends the user's sessions in the same transaction. */
export async function setUserActive(
  id: string,
  expectedVersion: number,
  active: boolean,
  ctx: AuditContext,
  options: { batchId?: string } = {},
): Promise<User> {
  const current = await requireCurrent(id, expectedVersion);
  if (current.isActive === active) return current;
  const now = new Date();
  const updated: User = { ...current, isActive: active, updatedAt: now.toISOString(), version: current.version + 1 };
  await writeUserChange(
    current,
    updated,
    {
      UpdateExpression: `SET isActive = :active, updatedAt = :now, version = :next${active ? "" : ` ${END_ALL_SESSIONS.clause}`}`,
      ExpressionAttributeValues: {
        ":active": active,
        ":now": updated.updatedAt,
        ":next": updated.version,
        ":expected": expectedVersion,
        ...(active ? {} : END_ALL_SESSIONS.values),
      },
    },
    [
      auditPut(
        ctx,
        { action: active ? "user.reactivated" : "user.deactivated", targetUserId: id, details: options.batchId ? { batchId: options.batchId } : {} },
        now,
      ),
    ],
  );
  return updated;
}

/** Whether any admin exists (first-run seeding). One item is enough to answer. */
export async function anyAdminExists(): Promise<boolean> {
  const out = await db().send(
    new QueryCommand({
      TableName: table("users"),
      IndexName: INDEX.users.role,
      KeyConditionExpression: "#role = :admin",
      ExpressionAttributeNames: { "#role": "role" },
      ExpressionAttributeValues: { ":admin": "admin" },
      ProjectionExpression: "id",
      Limit: 1,
    }),
  );
  return (out.Items?.length ?? 0) > 0;
}
