import "server-only";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { UserFilter } from "@/lib/validation/users";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { type Page } from "@/lib/types/page";
import type { UserCount } from "@/lib/types/user-count";
import { getUsersByIds } from "./users";
import { countByRoleAndStatus, countSearchMatches, searchTerms, searchUserIds } from "./user-search";
import { INDEX, type IndexName, indexKey } from "./tables";
import { DIRECTORY } from "./user-item";
import { type User, userSchema } from "@/lib/validation/users";

// The users list: filter by role and status, search by the start of any word of the name or
// email (lib/db/user-search.ts), sort by name or creation date. Every path is a Query on an index (never a Scan); role and
// status narrow it with a filter, and the page is filled by reading on, so a page costs the
// same number of calls whatever its number.


/** A status filter over user items (lib/validation/users.ts userStatus), with `:active`. */
const STATUS_CONDITION = {
  active: "isActive = :active AND attribute_not_exists(invitedAt)",
  invited: "isActive = :active AND attribute_exists(invitedAt)",
  inactive: "isActive = :active",
} as const;

interface IndexPlan {
  index: IndexName<"users">;
  /** The value of the index's partition key. */
  partition: string;
  /** A prefix of the index's sort key. */
  prefix?: string;
  forward: boolean;
}

const LIST_ATTRIBUTES = ["id", "email", "#name", "#role", "isActive", "createdAt", "updatedAt", "version", "lastSignInAt", "invitedAt", "directory", "nameKey"];
const NAMES = { "#name": "name", "#role": "role" };

function plans(filter: UserFilter): IndexPlan[] {
  const sort = filter.sort ?? "created";
  const forward = (filter.order ?? (sort === "name" ? "asc" : "desc")) === "asc";
  if (sort === "name") {
    return [{ index: INDEX.users.directoryByName, partition: DIRECTORY, forward }];
  }
  if (filter.role) {
    return [{ index: INDEX.users.role, partition: filter.role, forward }];
  }
  return [{ index: INDEX.users.directoryByCreated, partition: DIRECTORY, forward }];
}

function filterExpression(filter: UserFilter, plan: IndexPlan): { expression?: string; values: Record<string, unknown> } {
  const parts: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.role && plan.index !== INDEX.users.role) {
    parts.push("#role = :role");
    values[":role"] = filter.role;
  }
  if (filter.status) {
    parts.push(STATUS_CONDITION[filter.status]);
    values[":active"] = filter.status !== "inactive";
  }
  return { expression: parts.length ? parts.join(" AND ") : undefined, values };
}

/** The parts of a Query every read of this plan shares: key condition, prefix and filter. */
function baseQuery(plan: IndexPlan, filter: UserFilter) {
  const { expression, values } = filterExpression(filter, plan);
  const key = indexKey("users", plan.index);
  return {
    TableName: table("users"),
    IndexName: plan.index,
    KeyConditionExpression: `#pk = :pk${plan.prefix ? " AND begins_with(#sk, :prefix)" : ""}`,
    ExpressionAttributeNames: { ...NAMES, "#pk": key.partitionKey, ...(plan.prefix && key.sortKey ? { "#sk": key.sortKey } : {}) },
    ExpressionAttributeValues: { ":pk": plan.partition, ...(plan.prefix ? { ":prefix": plan.prefix } : {}), ...values },
    ...(expression ? { FilterExpression: expression } : {}),
  };
}

function keyOf(item: Record<string, unknown>, plan: IndexPlan): Record<string, unknown> {
  const { partitionKey, sortKey } = indexKey("users", plan.index);
  return Object.fromEntries(["id", partitionKey, ...(sortKey ? [sortKey] : [])].map((a) => [a, item[a]]));
}

/**
 * Reads up to `limit` matching items of one index from `startKey`. With a filter DynamoDB may
 * return few matches per call, so each call reads ahead (Limit 250, within the 1 MB a Query
 * returns) and the page ends at the last item it keeps, whose key becomes the next start.
 */
async function readPlan(plan: IndexPlan, filter: UserFilter, limit: number, startKey?: Record<string, unknown>) {
  const base = baseQuery(plan, filter);
  const items: Record<string, unknown>[] = [];
  let key = startKey;
  let calls = 0;
  while (items.length < limit) {
    const input: QueryCommandInput = {
      ...base,
      ProjectionExpression: LIST_ATTRIBUTES.join(", "),
      ScanIndexForward: plan.forward,
      Limit: base.FilterExpression ? 250 : limit - items.length,
      ExclusiveStartKey: key,
    };
    const out = await db().send(new QueryCommand(input));
    calls++;
    const fetched = out.Items ?? [];
    const room = limit - items.length;
    if (fetched.length > room) {
      items.push(...fetched.slice(0, room));
      return { items, nextKey: keyOf(items[items.length - 1]!, plan), calls };
    }
    items.push(...fetched);
    key = out.LastEvaluatedKey;
    if (!key) break;
  }
  return { items, nextKey: key, calls };
}

/** Which read of the plan list the page continues, and from where in it. */
type DirectoryCursor = { stage: number; key?: Record<string, unknown> };

/** A search: matching ids from the word index (lib/db/user-search.ts), then the users by id. */
async function searchPage(q: string, filter: UserFilter, limit: number, cursor?: string | null): Promise<Page<User>> {
  const scope = `users-search:${JSON.stringify([filter.role, filter.status, searchTerms(q)])}`;
  const startKey = decodeCursor(scope, cursor) as Record<string, unknown> | undefined;
  const { userIds, nextKey } = await searchUserIds(q, filter, limit, startKey);
  const found = await getUsersByIds(userIds);
  // A user changed between the two reads is shown as they are now, or left out if gone.
  const users = userIds.map((id) => found.get(id)).filter((user): user is User => Boolean(user));
  return { items: users, nextCursor: nextKey ? encodeCursor(scope, nextKey) : null };
}

export async function listUsers(filter: UserFilter = {}, page: { limit?: number; cursor?: string | null } = {}): Promise<Page<User>> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 100);
  if (filter.q && searchTerms(filter.q).length) return searchPage(filter.q, filter, limit, page.cursor);
  const chosen = plans(filter);
  const scope = `users:${JSON.stringify([filter.role, filter.status, filter.sort, filter.order])}`;
  const cursor = (decodeCursor(scope, page.cursor) as DirectoryCursor | undefined) ?? { stage: 0 };
  // The plans are read one after another; a page that finishes one continues with the next.
  const users: User[] = [];
  let stage = cursor.stage;
  let key = cursor.key;
  while (users.length < limit && stage < chosen.length) {
    const result = await readPlan(chosen[stage]!, filter, limit - users.length, key);
    users.push(...result.items.map((item) => userSchema.parse(item)));
    if (result.nextKey) {
      key = result.nextKey;
    } else {
      stage++;
      key = undefined;
    }
  }
  const more = stage < chosen.length;
  return { items: users, nextCursor: more ? encodeCursor(scope, { stage, ...(key ? { key } : {}) }) : null };
}

/** Every user matching the filter, page by page (exports and "select all matching"). */
export async function* iterateUsers(filter: UserFilter): AsyncGenerator<User[]> {
  let cursor: string | null = null;
  do {
    const page: Page<User> = await listUsers(filter, { limit: 100, cursor });
    if (page.items.length) yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * How many users match, without reading the users: role and status from the counters kept in
 * every user change's transaction; a search by counting its matches up to a bound.
 */
export async function countUsers(filter: UserFilter): Promise<UserCount> {
  if (filter.q && searchTerms(filter.q).length) return countSearchMatches(filter.q, filter);
  return { n: await countByRoleAndStatus(filter), exact: true };
}
