import "server-only";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { UserFilter } from "@/lib/validation/users";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { type Page } from "@/lib/types/page";
import { queryPages } from "./query-pages";
import { INDEX, type IndexName, indexKey } from "./tables";
import { DIRECTORY, searchForm } from "./user-item";
import { type User, userSchema } from "@/lib/validation/users";

// The users list: filter by role and status, case-insensitive prefix search on name or email,
// sort by name or creation date. Every path is a Query on an index (never a Scan); role and
// status narrow it with a filter, and the page is filled by reading on, so a page costs the
// same number of calls whatever its number.


interface IndexPlan {
  index: IndexName<"users">;
  /** The value of the index's partition key. */
  partition: string;
  /** A prefix of the index's sort key. */
  prefix?: string;
  /** Leave out users whose name starts with this (they were listed by the name read). */
  excludeNamePrefix?: string;
  forward: boolean;
}

const LIST_ATTRIBUTES = ["id", "email", "#name", "#role", "isActive", "createdAt", "updatedAt", "version", "lastSignInAt", "directory", "nameKey"];
const NAMES = { "#name": "name", "#role": "role" };

function plans(filter: UserFilter): IndexPlan[] {
  const sort = filter.sort ?? "created";
  const forward = (filter.order ?? (sort === "name" ? "asc" : "desc")) === "asc";
  const q = filter.q ? searchForm(filter.q) : "";
  if (q) {
    const byEmail: IndexPlan = { index: INDEX.users.directoryByEmail, partition: DIRECTORY, prefix: q, forward: true };
    const byName: IndexPlan = { index: INDEX.users.directoryByName, partition: DIRECTORY, prefix: q, forward: true };
    // Text with an "@" can only be an email prefix. Otherwise name matches come first (by
    // name), then users matched only by email (by email): the second read leaves out the
    // name matches, so nobody appears twice, on one page or across pages.
    return q.includes("@") ? [byEmail] : [byName, { ...byEmail, excludeNamePrefix: q }];
  }
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
    parts.push("isActive = :active");
    values[":active"] = filter.status === "active";
  }
  if (plan.excludeNamePrefix) {
    parts.push("NOT begins_with(nameKey, :namePrefix)");
    values[":namePrefix"] = plan.excludeNamePrefix;
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

export async function listUsers(filter: UserFilter = {}, page: { limit?: number; cursor?: string | null } = {}): Promise<Page<User>> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 100);
  const chosen = plans(filter);
  const scope = `users:${JSON.stringify([filter.role, filter.status, filter.q ? searchForm(filter.q) : "", filter.sort, filter.order])}`;
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
 * How many users match, for an export's progress bar: a COUNT Query returns no items. A
 * name-or-email search reads two overlapping indexes, so its total is not known up front (null).
 */
export async function countUsers(filter: UserFilter): Promise<number | null> {
  const chosen = plans(filter);
  if (chosen.length !== 1) return null;
  const base = baseQuery(chosen[0]!, filter);
  // COUNT with no projection: only the names the expressions use may be declared.
  const used = `${base.KeyConditionExpression} ${base.FilterExpression ?? ""}`;
  const names = Object.fromEntries(Object.entries(base.ExpressionAttributeNames).filter(([k]) => used.includes(k)));
  let count = 0;
  for await (const out of queryPages({ ...base, ExpressionAttributeNames: names, Select: "COUNT" })) count += out.Count ?? 0;
  return count;
}
