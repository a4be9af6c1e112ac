import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { db, table } from "./client";
import { transact, type TransactItem } from "./transact";

// Exactly one of a user's profiles is the default whenever the user has at least one. The user
// item records which one (`defaultProfileId`), and every change of the default conditions on it
// in the same transaction, so racing requests cannot leave two defaults or none. These are the
// pieces of such a transaction, for lib/db/profiles.ts.

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
 * `added` counts a profile created in the same transaction.
 */
export function setDefaultOnUser(userId: string, from: string | null, to: string | null, options: { added?: boolean; addsSeen?: number | null } = {}): TransactItem {
  const set = to ? "SET defaultProfileId = :to" : "REMOVE defaultProfileId";
  const condition = from ? "defaultProfileId = :from" : "attribute_exists(id) AND attribute_not_exists(defaultProfileId)";
  const adds = options.addsSeen === undefined ? "" : options.addsSeen === null ? " AND attribute_not_exists(profileAdds)" : " AND profileAdds = :adds";
  return {
    Update: {
      TableName: table("users"),
      Key: { id: userId },
      UpdateExpression: options.added ? `${set} ${PROFILE_ADDED}` : set,
      ConditionExpression: condition + adds,
      ExpressionAttributeValues: {
        ...(to ? { ":to": to } : {}),
        ...(from ? { ":from": from } : {}),
        ...(options.added ? { ":one": 1 } : {}),
        ...(typeof options.addsSeen === "number" ? { ":adds": options.addsSeen } : {}),
      },
    },
  };
}

export function flagProfile(id: string, userId: string, isDefault: boolean, now: string): TransactItem {
  return {
    Update: {
      TableName: table("userProfiles"),
      Key: { id },
      UpdateExpression: "SET isDefault = :d, defaultFlag = :f, updatedAt = :now, version = version + :one",
      ConditionExpression: "userId = :u",
      ExpressionAttributeValues: { ":d": isDefault, ":f": isDefault ? "1" : "0", ":now": now, ":one": 1, ":u": userId },
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

/** Runs the transaction; "retry" when its item at `userItemIndex` (the user's default) had moved. */
export async function runDefaultChange(items: TransactItem[], userItemIndex: number, other: (codes: string[]) => Error): Promise<"ok" | "retry"> {
  try {
    await transact(items, (codes) => (codes[userItemIndex] === "ConditionalCheckFailed" ? new DefaultMoved() : other(codes)));
    return "ok";
  } catch (error) {
    if (error instanceof DefaultMoved) return "retry";
    throw error;
  }
}
