import "server-only";
import { BatchGetCommand, DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, table } from "./client";

// Fixed-window failure counters shared by every app server (they keep no memory of their
// own). A window's item carries its number in the key and expires by TTL after the window.

export interface Window {
  minutes: number;
  now?: Date;
}

function windowKey(key: string, { minutes, now = new Date() }: Window): { id: string; expiresAtEpoch: number } {
  const size = minutes * 60_000;
  const index = Math.floor(now.getTime() / size);
  return { id: `${key}#${index}`, expiresAtEpoch: Math.ceil(((index + 1) * size) / 1000) };
}

export async function getFailureCounts(keys: string[], window: Window): Promise<Map<string, number>> {
  const ids = new Map(keys.map((k) => [windowKey(k, window).id, k]));
  const out = await db().send(
    new BatchGetCommand({
      RequestItems: {
        [table("rateLimits")]: { Keys: [...ids.keys()].map((id) => ({ key: id })), ProjectionExpression: "#k, failures", ExpressionAttributeNames: { "#k": "key" } },
      },
    }),
  );
  const counts = new Map(keys.map((k) => [k, 0]));
  for (const item of out.Responses?.[table("rateLimits")] ?? []) {
    const original = ids.get(String(item.key));
    if (original) counts.set(original, Number(item.failures ?? 0));
  }
  return counts;
}

export async function addFailure(keys: string[], window: Window): Promise<void> {
  await Promise.all(
    keys.map((k) => {
      const { id, expiresAtEpoch } = windowKey(k, window);
      return db().send(
        new UpdateCommand({
          TableName: table("rateLimits"),
          Key: { key: id },
          UpdateExpression: "ADD failures :one SET expiresAtEpoch = :exp",
          ExpressionAttributeValues: { ":one": 1, ":exp": expiresAtEpoch },
        }),
      );
    }),
  );
}

export async function clearFailures(key: string, window: Window): Promise<void> {
  await db().send(new DeleteCommand({ TableName: table("rateLimits"), Key: { key: windowKey(key, window).id } }));
}
