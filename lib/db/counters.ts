import "server-only";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, table } from "./client";
import { queryPages } from "./query-pages";
import { INDEX } from "./tables";
import type { TransactItem } from "./transact";

const ACTIVE_ADMINS = "active-admins";

/**
 * The change to the active-admin count that goes into the same transaction as the user change.
 * A decrement carries the condition that another active admin remains, so two requests racing
 * to demote the last two admins cannot both succeed.
 */
export function activeAdminsChange(delta: 1 | -1): TransactItem {
  return {
    Update: {
      TableName: table("counters"),
      Key: { key: ACTIVE_ADMINS },
      UpdateExpression: "ADD #n :delta",
      ...(delta < 0 ? { ConditionExpression: "#n > :one" } : {}),
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":delta": delta, ...(delta < 0 ? { ":one": 1 } : {}) },
    },
  };
}

/**
 * Recounts active admins from Role-Index and stores the figure: for an installation whose
 * counter predates it, run at start-up (admins are few, so this reads a handful of items).
 */
export async function reconcileActiveAdmins(): Promise<number> {
  let count = 0;
  const pages = queryPages({
    TableName: table("users"),
    IndexName: INDEX.users.role,
    KeyConditionExpression: "#role = :admin",
    FilterExpression: "isActive = :yes",
    ExpressionAttributeNames: { "#role": "role" },
    ExpressionAttributeValues: { ":admin": "admin", ":yes": true },
    Select: "COUNT",
  });
  for await (const out of pages) count += out.Count ?? 0;
  await db().send(new PutCommand({ TableName: table("counters"), Item: { key: ACTIVE_ADMINS, n: count } }));
  return count;
}
