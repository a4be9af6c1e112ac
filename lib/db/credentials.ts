import "server-only";
import { table } from "./client";
import type { TransactItem } from "./transact";

// A user's password hash lives in its own item of the credentials table, keyed by user id,
// written in the same transaction as the change that sets it (account creation, a spent invite
// or reset link). The user item never holds it, so listing, exporting or returning a user cannot
// leak it whatever the projection. Read only by lib/db/user-sign-in.ts for lib/auth/sign-in.ts.

export function credentialPut(userId: string, passwordHash: string, now = new Date()): TransactItem {
  return { Put: { TableName: table("credentials"), Item: { userId, passwordHash, updatedAt: now.toISOString() } } };
}

/** The key to read a user's credentials by (in the same BatchGet as the user). */
export const credentialKey = (userId: string) => ({ userId });
