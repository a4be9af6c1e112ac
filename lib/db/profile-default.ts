import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { db, table } from "./client";
import { transact, type TransactItem } from "./transact";

// Exactly one of a user's profiles is the default whenever the user has at least one. The user
// item records which one (`defaultProfileId`), and every change of the default conditions on it
// in the same transaction, so racing requests cannot leave two defaults or none. The user item
// also carries its default profile's avatar (`avatarKey`, the object's key), so that lists of
// users and timelines show faces without reading profiles and files per row: every write that
// moves the default or its avatar sets it in the same transaction, conditioned on what it read.
// These are the pieces of such a transaction, for lib/db/profiles.ts and lib/db/file-uploads.ts.

const MAX_ATTEMPTS = 5;

/**
 * The user's default and how many profiles were ever added (`profileAdds`, bumped by every
 * create), read together: a delete that promotes from a list of the user's profiles conditions
 * on the count, so a profile created after it was read cannot be left without a default.
 */
export async function defaultStateOf(userId: string): Promise<{ defaultId: string | null; profileAdds: number | null }> {
  const out = await db().send(
    new GetCommand({ TableName: table("users"), Key: { id: userId }, ProjectionExpression: "id, defaultProfileId, profileAdds", ConsistentRead: true }),
  );
  if (!out.Item) throw new NotFoundError("This user does not exist.");
  return {
    defaultId: typeof out.Item.defaultProfileId === "string" ? out.Item.defaultProfileId : null,
    profileAdds: typeof out.Item.profileAdds === "number" ? out.Item.profileAdds : null,
  };
}

export async function defaultProfileIdOf(userId: string): Promise<string | null> {
  return (await defaultStateOf(userId)).defaultId;
}

/** Counts a profile added; see defaultStateOf. */
export const PROFILE_ADDED = "ADD profileAdds :one";

/**
 * The user item's record of the default, conditioned on what was read: the default and, with
 * `addsSeen` (a promotion chosen from a list), the count of adds read before the list.
 * `added` counts a profile created in the same transaction; `avatarKey` is the new default's
 * avatar (null: none), from avatarKeyOf.
 */
export function setDefaultOnUser(
  userId: string,
  from: string | null,
  to: string | null,
  options: { added?: boolean; addsSeen?: number | null; avatarKey?: string | null } = {},
): TransactItem {
  const sets = to ? ["defaultProfileId = :to"] : [];
  const removes = to ? [] : ["defaultProfileId"];
  if (options.avatarKey) sets.push("avatarKey = :avatar");
  else if (options.avatarKey === null || !to) removes.push("avatarKey");
  const clauses = [sets.length ? `SET ${sets.join(", ")}` : "", removes.length ? `REMOVE ${removes.join(", ")}` : "", options.added ? PROFILE_ADDED : ""];
  const condition = from ? "defaultProfileId = :from" : "attribute_exists(id) AND attribute_not_exists(defaultProfileId)";
  const adds = options.addsSeen === undefined ? "" : options.addsSeen === null ? " AND attribute_not_exists(profileAdds)" : " AND profileAdds = :adds";
  return {
    Update: {
      TableName: table("users"),
      Key: { id: userId },
      UpdateExpression: clauses.filter(Boolean).join(" "),
      ConditionExpression: condition + adds,
      ExpressionAttributeValues: {
        ...(to ? { ":to": to } : {}),
        ...(from ? { ":from": from } : {}),
        ...(options.added ? { ":one": 1 } : {}),
        ...(typeof options.addsSeen === "number" ? { ":adds": options.addsSeen } : {}),
        ...(options.avatarKey ? { ":avatar": options.avatarKey } : {}),
      },
    },
  };
}

/**
 * The clause of an avatar or background completion or removal that keeps the user item's
 * `avatarKey` in step: set (or removed, `key` null) when the profile is the default, else a
 * check that it still is not, so that a concurrent change of the default cannot miss it.
 */
export function avatarOnUser(userId: string, profileId: string, isDefault: boolean, key: string | null): TransactItem {
  if (!isDefault) {
    return { ConditionCheck: { TableName: table("users"), Key: { id: userId }, ConditionExpression: "defaultProfileId <> :p", ExpressionAttributeValues: { ":p": profileId } } };
  }
  return {
    Update: {
      TableName: table("users"),
      Key: { id: userId },
      UpdateExpression: key ? "SET avatarKey = :avatar" : "REMOVE avatarKey",
      ConditionExpression: "defaultProfileId = :p",
      ExpressionAttributeValues: { ":p": profileId, ...(key ? { ":avatar": key } : {}) },
    },
  };
}

/**
 * Flags a profile as the default or not. A profile made the default with `avatarFileId` (the
 * avatar read for the user item's avatarKey; null: none) is refused when its avatar changed since.
 */
export function flagProfile(id: string, userId: string, isDefault: boolean, now: string, avatarFileId?: string | null): TransactItem {
  const avatar = avatarFileId === undefined ? "" : avatarFileId ? " AND avatarFileId = :avatarFile" : " AND attribute_not_exists(avatarFileId)";
  return {
    Update: {
      TableName: table("userProfiles"),
      Key: { id },
      UpdateExpression: "SET isDefault = :d, defaultFlag = :f, updatedAt = :now, version = version + :one",
      ConditionExpression: `userId = :u${avatar}`,
      ExpressionAttributeValues: { ":d": isDefault, ":f": isDefault ? "1" : "0", ":now": now, ":one": 1, ":u": userId, ...(avatarFileId ? { ":avatarFile": avatarFileId } : {}) },
    },
  };
}

/**
 * Retries a default-changing transaction when the default moved under it (another request
 * won): the next attempt re-reads and decides again, so every request ends consistently.
 */
export async function withDefaultRetry<T>(attempt: () => Promise<T | "retry">): Promise<T> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== "retry") return result;
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (i + 1)));
  }
  throw new ConflictError("The default profile is changing elsewhere right now. Try again.");
}

class DefaultMoved extends Error {}

/**
 * Runs the transaction; "retry" when its item at `userItemIndex` (the user's default) had moved,
 * or one at `alsoRetry` (a profile whose avatar was read) had changed.
 */
export async function runDefaultChange(items: TransactItem[], userItemIndex: number, other: (codes: string[]) => Error, alsoRetry: number[] = []): Promise<"ok" | "retry"> {
  const moved = [userItemIndex, ...alsoRetry];
  try {
    await transact(items, (codes) => (moved.some((i) => codes[i] === "ConditionalCheckFailed") ? new DefaultMoved() : other(codes)));
    return "ok";
  } catch (error) {
    if (error instanceof DefaultMoved) return "retry";
    throw error;
  }
}
