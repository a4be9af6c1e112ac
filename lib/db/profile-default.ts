import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { ThemePreference } from "@/lib/validation/theme";
import { db, table } from "./client";
import { transact, type TransactItem } from "./transact";

// Exactly one of a user's profiles is the default whenever the user has at least one. The user
// item records which one (`defaultProfileId`), and every change of the default conditions on it
// in the same transaction, so racing requests cannot leave two defaults or none. The user item
// also shows what its default profile holds for every page: the avatar (`avatarKey`, the
// object's key), so that lists of users and timelines show faces without reading profiles and
// files per row, and the theme (`theme`, from `preferences.theme`), so that no page reads the
// profile to colour itself. Every write that moves the default, its avatar or its theme sets
// them in the same transaction, conditioned on what it read.
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
 * `added` counts a profile created in the same transaction; `shown` is what the new default
 * shows (its avatar's key from avatarKeyOf, its theme), each null for none.
 */
export function setDefaultOnUser(
  userId: string,
  from: string | null,
  to: string | null,
  options: { added?: boolean; addsSeen?: number | null; shown?: Shown } = {},
): TransactItem {
  const sets = to ? ["defaultProfileId = :to"] : [];
  const removes = to ? [] : ["defaultProfileId"];
  // No default: nothing is shown.
  const shown = showClauses(to ? (options.shown ?? NOTHING_SHOWN) : NOTHING_SHOWN);
  sets.push(...shown.sets);
  removes.push(...shown.removes);
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
        ...shown.values,
      },
    },
  };
}

/** What the user item shows of its default profile (see the top of this file); null: none. */
export interface Shown {
  avatarKey: string | null;
  theme: ThemePreference | null;
}

const NOTHING_SHOWN: Shown = { avatarKey: null, theme: null };

/** SET and REMOVE clauses for the given parts of what is shown (absent parts untouched). */
function showClauses(shown: Partial<Shown>): { sets: string[]; removes: string[]; values: Record<string, string> } {
  const sets: string[] = [];
  const removes: string[] = [];
  const values: Record<string, string> = {};
  for (const [attribute, value] of [["avatarKey", shown.avatarKey], ["theme", shown.theme]] as const) {
    if (value === undefined) continue;
    if (value === null) removes.push(attribute);
    else {
      sets.push(`${attribute} = :shown_${attribute}`);
      values[`:shown_${attribute}`] = value;
    }
  }
  return { sets, removes, values };
}

/**
 * The clause of a change to a profile's avatar or theme that keeps the user item in step: it
 * sets what changed when the profile is the default, or else checks that it still is not, so a
 * concurrent change of the default cannot miss the change (one of them is refused and redone).
 */
export function shownOnUser(userId: string, profileId: string, isDefault: boolean, changed: Partial<Shown>): TransactItem {
  if (!isDefault) {
    return { ConditionCheck: { TableName: table("users"), Key: { id: userId }, ConditionExpression: "defaultProfileId <> :p", ExpressionAttributeValues: { ":p": profileId } } };
  }
  const { sets, removes, values } = showClauses(changed);
  return {
    Update: {
      TableName: table("users"),
      Key: { id: userId },
      UpdateExpression: [sets.length ? `SET ${sets.join(", ")}` : "", removes.length ? `REMOVE ${removes.join(", ")}` : ""].filter(Boolean).join(" "),
      ConditionExpression: "defaultProfileId = :p",
      ExpressionAttributeValues: { ":p": profileId, ...values },
    },
  };
}

/**
 * Flags a profile as the default or not. A profile made the default with `read` (its version and
 * avatar as read for what the user item shows) is refused when either changed since.
 */
export function flagProfile(id: string, userId: string, isDefault: boolean, now: string, read?: { version: number; avatarFileId?: string }): TransactItem {
  const avatarFileId = read ? (read.avatarFileId ?? null) : undefined;
  const avatar = avatarFileId === undefined ? "" : avatarFileId ? " AND avatarFileId = :avatarFile" : " AND attribute_not_exists(avatarFileId)";
  const version = read ? " AND version = :readVersion" : "";
  return {
    Update: {
      TableName: table("userProfiles"),
      Key: { id },
      UpdateExpression: "SET isDefault = :d, defaultFlag = :f, updatedAt = :now, version = version + :one",
      ConditionExpression: `userId = :u${avatar}${version}`,
      ExpressionAttributeValues: {
        ":d": isDefault, ":f": isDefault ? "1" : "0", ":now": now, ":one": 1, ":u": userId,
        ...(avatarFileId ? { ":avatarFile": avatarFileId } : {}),
        ...(read ? { ":readVersion": read.version } : {}),
      },
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
 * A profile write's user-item clause (shownOnUser) was refused: the default moved; the writer
 * redoes it. A conflict, with words for the person, if it keeps happening.
 */
export class ShownMoved extends ConflictError {
  constructor() {
    super("Your default profile is changing elsewhere right now. Try again.");
  }
}

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
