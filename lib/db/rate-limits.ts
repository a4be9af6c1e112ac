import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";

// Fixed-window counters shared by every app server (they keep no memory of their own). A
// window's item carries its number in the key: `attempts` counts what the limit applies to
// (failed sign-ins, reset requests), `refused` the attempts turned away while over the limit,
// and `summarizedAt` marks that the refusals were folded into their audit entry. An item lives
// through the window after its own, so that the next window can still read and fold it, and
// then TTL deletes it.

export interface Window {
  minutes: number;
  now?: Date;
}

interface Slot {
  id: string;
  from: string;
  until: string;
  expiresAtEpoch: number;
}

function slotOf(key: string, { minutes, now = new Date() }: Window, offset = 0): Slot {
  const size = minutes * 60_000;
  const index = Math.floor(now.getTime() / size) + offset;
  return {
    id: `${key}#${index}`,
    from: new Date(index * size).toISOString(),
    until: new Date((index + 1) * size).toISOString(),
    expiresAtEpoch: Math.ceil(((index + 2) * size) / 1000),
  };
}

export interface WindowCounts {
  attempts: number;
  refused: number;
  summarized: boolean;
  from: string;
  until: string;
}

export interface KeyCounts {
  current: WindowCounts;
  previous: WindowCounts;
}

function countsOf(item: Record<string, unknown> | undefined, slot: Slot): WindowCounts {
  return {
    attempts: Number(item?.attempts ?? 0),
    refused: Number(item?.refused ?? 0),
    summarized: typeof item?.summarizedAt === "string",
    from: slot.from,
    until: slot.until,
  };
}

/** This window's and the previous window's counts of every key, in one BatchGetItem. */
export async function readCounts(keys: string[], window: Window): Promise<Map<string, KeyCounts>> {
  const slots = keys.map((key) => ({ key, current: slotOf(key, window), previous: slotOf(key, window, -1) }));
  const name = table("rateLimits");
  const found = await batchGetAll({
    [name]: {
      Keys: slots.flatMap((s) => [{ key: s.current.id }, { key: s.previous.id }]),
      ProjectionExpression: "#k, attempts, refused, summarizedAt",
      ExpressionAttributeNames: { "#k": "key" },
      // Limits are decided on these numbers: a stale read would let a burst through.
      ConsistentRead: true,
    },
  });
  const items = new Map((found.get(name) ?? []).map((item) => [String(item.key), item]));
  return new Map(slots.map((s) => [s.key, { current: countsOf(items.get(s.current.id), s.current), previous: countsOf(items.get(s.previous.id), s.previous) }]));
}

async function add(key: string, attribute: "attempts" | "refused", window: Window): Promise<number> {
  const { id, expiresAtEpoch } = slotOf(key, window);
  const out = await db().send(
    new UpdateCommand({
      TableName: table("rateLimits"),
      Key: { key: id },
      UpdateExpression: "ADD #n :one SET expiresAtEpoch = :exp",
      ExpressionAttributeNames: { "#n": attribute },
      ExpressionAttributeValues: { ":one": 1, ":exp": expiresAtEpoch },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  return Number(out.Attributes?.[attribute] ?? 0);
}

/** Counts one attempt against each key's limit in this window. */
export async function countAttempt(keys: string[], window: Window): Promise<void> {
  await Promise.all(keys.map((key) => add(key, "attempts", window)));
}

/** Counts an attempt refused while over the limit; returns how many this window has refused so far. */
export function countRefused(key: string, window: Window): Promise<number> {
  return add(key, "refused", window);
}

/**
 * Marks the previous window's refusals (more than one) as folded into an audit entry. Of any number of racing
 * callers exactly one gets the count; the rest (and everyone once it is done) get null.
 */
export async function claimRefusedSummary(key: string, window: Window): Promise<number | null> {
  const { id } = slotOf(key, window, -1);
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: table("rateLimits"),
        Key: { key: id },
        UpdateExpression: "SET summarizedAt = :now",
        // One refusal is told by its own entry; only more than one needs folding.
        ConditionExpression: "attribute_exists(#k) AND refused > :one AND attribute_not_exists(summarizedAt)",
        ExpressionAttributeNames: { "#k": "key" },
        ExpressionAttributeValues: { ":now": (window.now ?? new Date()).toISOString(), ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Number(out.Attributes?.refused ?? 0);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
}

/** Forgets this window's attempts of a key (a successful sign-in clears its email's failures). */
export async function clearAttempts(key: string, window: Window): Promise<void> {
  // A key can only succeed while under its limit, so its item holds no refusals to keep.
  await db().send(new DeleteCommand({ TableName: table("rateLimits"), Key: { key: slotOf(key, window).id } }));
}
