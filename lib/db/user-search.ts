import "server-only";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Role, ROLES, type User, type UserFilter, USER_STATUSES, type UserStatus, userStatus } from "@/lib/validation/users";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import type { TransactItem } from "./transact";
import { nameKey } from "./user-item";

// Search that finds people by the start of any word (issue #15): "user" finds "Avery User",
// "ux.test" finds everyone at that domain, "zoe" finds "Zoë". Each user has one item per word
// ("token") in the user-search table, written in the same transaction as every user change
// (lib/db/users.ts), so a search is a Query on the token's first letter with begins_with,
// never a Scan. The items also carry role and status, so filters narrow the Query itself.
//
// A directory that outgrows this (hundreds of thousands of users, fuzzy or infix matching)
// moves to OpenSearch fed by the users table's stream; listUsers keeps its signature.

/** Words longer than this are cut: a prefix search never needs more. */
const TOKEN_MAX = 48;
/** Bounds the items a user write touches (a transaction holds at most 100). */
const TOKENS_MAX = 16;

/**
 * The comparison form of a word: compatibility-normalised, accents and other combining marks
 * removed, lower case. Scripts without case or marks (CJK, Arabic letters) pass through.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").normalize("NFKC").toLowerCase();
}

const WORD_BREAK = /[^\p{L}\p{N}]+/u;

/** A piece of text as words: the whole run between spaces, and its parts between punctuation. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const run of foldForSearch(text).split(/\s+/u)) {
    if (!run) continue;
    words.push(run);
    for (const part of run.split(WORD_BREAK)) if (part && part !== run) words.push(part);
  }
  return words;
}

/** Every word a user is found by: the name's words, the email, its local part and its domain. */
export function searchTokens(user: Pick<User, "name" | "email">): string[] {
  const email = foldForSearch(user.email);
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const tokens = [...wordsOf(user.name), email, ...wordsOf(local), domain, `@${domain}`, ...domain.split(".")];
  const unique = [...new Set(tokens.map((t) => [...t].slice(0, TOKEN_MAX).join("")).filter(Boolean))];
  return unique.slice(0, TOKENS_MAX).sort();
}

/** The words of a search, each matched against the start of some token. */
export function searchTerms(q: string): string[] {
  return [...new Set(foldForSearch(q).split(/\s+/u).filter(Boolean))].map((t) => [...t].slice(0, TOKEN_MAX).join(""));
}

const bucketOf = (token: string) => [...token][0]!;

/** The items that make one user findable, in the shape the table stores. */
export function userSearchItems(user: Indexed): Record<string, unknown>[] {
  const tokens = searchTokens(user);
  // Every token of the user, space-separated and padded, so a Query on one word can require
  // the others with contains(words, " other") and the reader can keep each user once.
  const words = ` ${tokens.join(" ")} `;
  const sortTail = nameKey(user.name, user.id);
  return tokens.map((token, i) => ({
    bucket: bucketOf(token),
    // Word, then name: a word's matches page in name order, and each user is once per word.
    term: `${token} ${sortTail}`,
    token,
    // How long a search may be and still also match an earlier word of this user: such a
    // search lists the user under that word, so this item is filtered out (see searchQuery).
    shadow: Math.max(0, ...tokens.slice(0, i).map((earlier) => commonPrefixLength(earlier, token))),
    userId: user.id,
    role: user.role,
    isActive: user.isActive,
    // Active, invited or inactive: what the status filter narrows on.
    status: userStatus(user),
    words,
  }));
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export type Indexed = Pick<User, "id" | "name" | "email" | "role" | "isActive" | "invitedAt">;
const keyOf = (item: Record<string, unknown>) => `${String(item.bucket)}\u0000${String(item.term)}`;

/**
 * The writes that move a user's search items from `before` to `after` (either null), for the
 * transaction of the user change itself: changed items are put, vanished ones deleted.
 */
export function userSearchWrites(before: Indexed | null, after: Indexed | null): TransactItem[] {
  const old = new Map((before ? userSearchItems(before) : []).map((item) => [keyOf(item), item]));
  const next = after ? userSearchItems(after) : [];
  const writes: TransactItem[] = [];
  for (const item of next) {
    const previous = old.get(keyOf(item));
    old.delete(keyOf(item));
    if (previous && previous.role === item.role && previous.status === item.status && previous.words === item.words && previous.shadow === item.shadow) continue;
    writes.push({ Put: { TableName: table("userSearch"), Item: item } });
  }
  for (const gone of old.values()) writes.push({ Delete: { TableName: table("userSearch"), Key: { bucket: gone.bucket, term: gone.term } } });
  return writes;
}

// ---- Counts per role and status ---------------------------------------------------------------

export const countKey = (role: Role, status: UserStatus) => `users#${role}#${status}`;

type Counted = Pick<User, "role" | "isActive" | "invitedAt">;

/**
 * The counter changes a user change implies, for its own transaction: the users list says
 * "1,234 users" for any role and status filter from these, without reading the users.
 */
export function userCountChanges(before: Counted | null, after: Counted | null): TransactItem[] {
  const from = before ? countKey(before.role, userStatus(before)) : null;
  const to = after ? countKey(after.role, userStatus(after)) : null;
  if (from === to) return [];
  const add = (key: string, delta: number): TransactItem => ({
    Update: {
      TableName: table("counters"),
      Key: { key },
      UpdateExpression: "ADD #n :delta",
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":delta": delta },
    },
  });
  return [...(from ? [add(from, -1)] : []), ...(to ? [add(to, 1)] : [])];
}

/** Users with the filter's role and status (both optional), from the counters: one call. */
export async function countByRoleAndStatus(filter: Pick<UserFilter, "role" | "status">): Promise<number> {
  const roles = filter.role ? [filter.role] : ROLES;
  const statuses = filter.status ? [filter.status] : USER_STATUSES;
  const keys = roles.flatMap((role) => statuses.map((status) => ({ key: countKey(role, status) })));
  const found = await batchGetAll({ [table("counters")]: { Keys: keys, ProjectionExpression: "#n", ExpressionAttributeNames: { "#n": "n" } } });
  return (found.get(table("counters")) ?? []).reduce((sum, item) => sum + Math.max(0, Number(item.n ?? 0)), 0);
}

// ---- Reading ------------------------------------------------------------------------------------

export interface SearchPage {
  userIds: string[];
  nextKey?: Record<string, unknown>;
  calls: number;
}

/**
 * Reads per page at most, so a page stays within the budget of 4 DynamoDB calls (the session,
 * these, and the BatchGet of the users): a rare second word may leave a page short, with a
 * cursor to go on (the list's "Next page").
 */
const MAX_READS = 2;
const READ_AHEAD = 250;
const READ_ON = 1000;

function searchQuery(terms: string[], filter: UserFilter) {
  // The longest word narrows the Query most; the others must start some other token.
  const [lead, ...rest] = [...terms].sort((a, b) => b.length - a.length);
  // A user several of whose words start with the lead is kept once, under the first such word:
  // an item whose `shadow` reaches the lead's length has an earlier word matching it too.
  const parts: string[] = ["shadow < :leadLength"];
  const values: Record<string, unknown> = { ":bucket": bucketOf(lead!), ":lead": lead, ":leadLength": lead!.length };
  rest.forEach((term, i) => {
    parts.push(`contains(words, :w${i})`);
    values[`:w${i}`] = ` ${term}`;
  });
  if (filter.role) {
    parts.push("#role = :role");
    values[":role"] = filter.role;
  }
  if (filter.status) {
    parts.push("#status = :status");
    values[":status"] = filter.status;
  }
  return {
    lead: lead!,
    input: {
      TableName: table("userSearch"),
      KeyConditionExpression: "#bucket = :bucket AND begins_with(#term, :lead)",
      ExpressionAttributeNames: { "#bucket": "bucket", "#term": "term", ...(filter.role ? { "#role": "role" } : {}), ...(filter.status ? { "#status": "status" } : {}) },
      ExpressionAttributeValues: values,
      FilterExpression: parts.join(" AND "),
      ProjectionExpression: "#bucket, #term, userId",
    },
  };
}

/** One page of matching user ids, in word-then-name order, from `startKey`. */
export async function searchUserIds(q: string, filter: UserFilter, limit: number, startKey?: Record<string, unknown>): Promise<SearchPage> {
  const terms = searchTerms(q);
  if (!terms.length) return { userIds: [], calls: 0 };
  const { input } = searchQuery(terms, filter);
  const userIds: string[] = [];
  let key = startKey;
  let calls = 0;
  while (calls < MAX_READS) {
    // Limit counts the items read before the filter: the first read expects most to match, later
    // ones read further past a run of filtered-out words.
    const out = await db().send(new QueryCommand({ ...input, Limit: calls ? READ_ON : READ_AHEAD, ExclusiveStartKey: key }));
    calls++;
    for (const item of out.Items ?? []) {
      userIds.push(String(item.userId));
      if (userIds.length === limit) return { userIds, nextKey: { bucket: item.bucket, term: item.term }, calls };
    }
    key = out.LastEvaluatedKey;
    if (!key) return { userIds, calls };
  }
  return { userIds, nextKey: key, calls };
}

/** How many users a search matches, counted up to `bound` ("over 1,000" past it). */
export async function countSearchMatches(q: string, filter: UserFilter, bound = 1000): Promise<{ n: number; exact: boolean }> {
  let n = 0;
  let key: Record<string, unknown> | undefined;
  do {
    const page = await searchUserIds(q, filter, bound - n + 1, key);
    n += page.userIds.length;
    key = page.nextKey;
    if (n > bound) return { n: bound, exact: false };
  } while (key);
  return { n, exact: true };
}
