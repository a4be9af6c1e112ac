import "server-only";
import { randomUUID } from "node:crypto";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AUDIT_CATALOGUE, type AuditAction, type AuditDetails } from "@/lib/audit/catalogue";
import { entryHmac, entryIntact } from "@/lib/audit/integrity";
import { env } from "@/lib/env";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { type Page } from "@/lib/types/page";
import { transact, type TransactItem } from "./transact";

/** Who is acting and from where; taken from the request by the action wrapper. */
export interface AuditContext {
  actorId: string;
  /** The actor's role when they acted (managers may not see admins' entries). */
  actorRole?: string;
  ipAddress?: string;
  userAgent?: string;
}

export interface NewAuditEntry<A extends AuditAction = AuditAction> {
  action: A;
  details: AuditDetails<A>;
  /** Whose data was touched, when that is a user. */
  targetUserId?: string;
}

export const auditLogSchema = z.object({
  id: z.string(),
  userId: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
  ipAddress: z.string().optional(),
  userAgent: z.string().optional(),
  targetUserId: z.string().optional(),
});
export type AuditLog = z.infer<typeof auditLogSchema>;

const PROJECTION = "id, userId, #action, details, #timestamp, ipAddress, userAgent, targetUserId";
const PROJECTION_NAMES = { "#action": "action", "#timestamp": "timestamp" };

function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** The stored item of an entry (exported for bulk seeding in tests and benchmarks). */
export function buildAuditItem<A extends AuditAction>(ctx: AuditContext, entry: NewAuditEntry<A>, now: Date) {
  const definition = AUDIT_CATALOGUE[entry.action];
  if (!definition) throw new Error(`Unknown audit action: ${String(entry.action)}`);
  const details = definition.details.parse(entry.details);
  const timestamp = now.toISOString();
  const retentionSeconds = env().AUDIT_RETENTION_DAYS * 86_400;
  const content = {
    id: randomUUID(),
    userId: ctx.actorId,
    ...(ctx.actorRole ? { actorRole: ctx.actorRole } : {}),
    action: entry.action,
    details,
    timestamp,
    ...(ctx.ipAddress ? { ipAddress: ctx.ipAddress.slice(0, 64) } : {}),
    ...(ctx.userAgent ? { userAgent: ctx.userAgent.slice(0, 512) } : {}),
    ...(entry.targetUserId ? { targetUserId: entry.targetUserId } : {}),
  };
  return {
    ...content,
    hmac: entryHmac(content),
    month: monthOf(timestamp),
    expiresAtEpoch: Math.floor(now.getTime() / 1000) + retentionSeconds,
  };
}

/** The audit entry as one item of the transaction that makes the change it records. */
export function auditPut<A extends AuditAction>(ctx: AuditContext, entry: NewAuditEntry<A>, now = new Date()): TransactItem {
  return {
    Put: {
      TableName: table("auditLogs"),
      Item: buildAuditItem(ctx, entry, now),
      ConditionExpression: "attribute_not_exists(id)",
    },
  };
}

/** For events that change nothing else (a failed sign-in, a sign-out). */
export async function appendAudit<A extends AuditAction>(ctx: AuditContext, entry: NewAuditEntry<A>): Promise<void> {
  await transact([auditPut(ctx, entry)], (codes) => new Error(`appendAudit cancelled: ${codes.join(",")}`));
}

export interface AuditQuery {
  limit?: number;
  cursor?: string | null;
  /** Inclusive ISO bounds on `timestamp`. */
  from?: string;
  to?: string;
}

const MAX_LIMIT = 100;

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 50, 1), MAX_LIMIT);
}

function parseEntries(items: Record<string, unknown>[] | undefined): AuditLog[] {
  return (items ?? []).map((item) => auditLogSchema.parse(item));
}

/**
 * Newest-first Query of one index partition. Entries past retention are filtered out even
 * before TTL deletes them; because a filter applies after Limit, short pages read on until
 * the page is full or the partition is exhausted.
 */
async function queryPartition(
  index: string,
  partitionAttribute: string,
  partitionValue: string,
  query: AuditQuery & { exclusiveStartKey?: Record<string, unknown> },
  limit: number,
): Promise<{ items: AuditLog[]; lastKey?: Record<string, unknown> }> {
  const names: Record<string, string> = { ...PROJECTION_NAMES, "#pk": partitionAttribute, "#exp": "expiresAtEpoch" };
  const values: Record<string, unknown> = { ":pk": partitionValue, ":now": Math.floor(Date.now() / 1000) };
  let condition = "#pk = :pk";
  if (query.from && query.to) {
    condition += " AND #timestamp BETWEEN :from AND :to";
    Object.assign(values, { ":from": query.from, ":to": query.to });
  } else if (query.from) {
    condition += " AND #timestamp >= :from";
    values[":from"] = query.from;
  } else if (query.to) {
    condition += " AND #timestamp <= :to";
    values[":to"] = query.to;
  }
  const items: AuditLog[] = [];
  let startKey = query.exclusiveStartKey;
  do {
    const input: QueryCommandInput = {
      TableName: table("auditLogs"),
      IndexName: index,
      KeyConditionExpression: condition,
      FilterExpression: "#exp > :now",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ProjectionExpression: PROJECTION,
      ScanIndexForward: false,
      Limit: limit - items.length,
      ExclusiveStartKey: startKey,
    };
    const out = await db().send(new QueryCommand(input));
    items.push(...parseEntries(out.Items));
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return { items, lastKey: startKey };
}

export interface IndexRead {
  index: string;
  partition: [attribute: string, value: string];
  from?: string;
  to?: string;
  /** Extra conditions on the entries (visibility, actions), ANDed with retention; an OR in it
   * must come parenthesised (DynamoDB refuses redundant parentheses, so none are added). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  startKey?: Record<string, unknown>;
  limit: number;
}

/**
 * Up to `limit` entries of one index partition, newest first, and whether the partition has
 * nothing after the last one returned. Reads ahead when filtering and ends the page at the
 * last entry kept, whose key (see `keyAfter`) is where the next read starts.
 */
export async function readAuditIndex(read: IndexRead): Promise<{ items: AuditLog[]; exhausted: boolean }> {
  const names: Record<string, string> = { ...PROJECTION_NAMES, "#pk": read.partition[0], "#exp": "expiresAtEpoch", ...read.filter?.names };
  const values: Record<string, unknown> = { ":pk": read.partition[1], ":now": Math.floor(Date.now() / 1000), ...read.filter?.values };
  let condition = "#pk = :pk";
  if (read.from) values[":from"] = read.from;
  if (read.to) values[":to"] = read.to;
  if (read.from && read.to) condition += " AND #timestamp BETWEEN :from AND :to";
  else if (read.from) condition += " AND #timestamp >= :from";
  else if (read.to) condition += " AND #timestamp <= :to";
  const items: AuditLog[] = [];
  let key = read.startKey;
  while (items.length < read.limit) {
    const out = await db().send(
      new QueryCommand({
        TableName: table("auditLogs"),
        IndexName: read.index,
        KeyConditionExpression: condition,
        FilterExpression: read.filter ? `#exp > :now AND ${read.filter.expression}` : "#exp > :now",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ProjectionExpression: PROJECTION,
        ScanIndexForward: false,
        Limit: read.filter ? Math.max(read.limit - items.length, 100) : read.limit - items.length,
        ExclusiveStartKey: key,
      }),
    );
    const fetched = parseEntries(out.Items);
    const room = read.limit - items.length;
    if (fetched.length > room) {
      items.push(...fetched.slice(0, room));
      return { items, exhausted: false };
    }
    items.push(...fetched);
    key = out.LastEvaluatedKey;
    if (!key) return { items, exhausted: true };
  }
  return { items, exhausted: false };
}

/** The ExclusiveStartKey that resumes an index read just after `entry`. */
export function keyAfter(index: string, entry: AuditLog): Record<string, unknown> {
  const partition: Record<string, [string, unknown]> = {
    "UserId-Timestamp-Index": ["userId", entry.userId],
    "TargetUserId-Timestamp-Index": ["targetUserId", entry.targetUserId],
    "Action-Timestamp-Index": ["action", entry.action],
    "Timestamp-Index": ["month", monthOf(entry.timestamp)],
  };
  const [attribute, value] = partition[index] ?? ["", undefined];
  return { id: entry.id, [attribute]: value, timestamp: entry.timestamp };
}

export function retentionHorizonMonth(): string {
  return monthOf(new Date(Date.now() - env().AUDIT_RETENTION_DAYS * 86_400_000).toISOString());
}

export { monthOf, previousMonth };

async function listByIndex(index: string, attribute: string, value: string, query: AuditQuery): Promise<Page<AuditLog>> {
  const scope = `audit:${index}:${value}:${query.from ?? ""}:${query.to ?? ""}`;
  const { items, lastKey } = await queryPartition(
    index,
    attribute,
    value,
    { ...query, exclusiveStartKey: decodeCursor(scope, query.cursor) },
    clampLimit(query.limit),
  );
  return { items, nextCursor: encodeCursor(scope, lastKey) };
}

/** What one user did (the spec's "user activity"). */
export function listAuditByActor(actorId: string, query: AuditQuery = {}) {
  return listByIndex("UserId-Timestamp-Index", "userId", actorId, query);
}

/** What was done to one user's data. */
export function listAuditByTarget(targetUserId: string, query: AuditQuery = {}) {
  return listByIndex("TargetUserId-Timestamp-Index", "targetUserId", targetUserId, query);
}

/** Events of one action (the spec's "system events"). */
export function listAuditByAction(action: AuditAction, query: AuditQuery = {}) {
  return listByIndex("Action-Timestamp-Index", "action", action, query);
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return d.toISOString().slice(0, 7);
}

const recentCursorSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), key: z.record(z.string(), z.unknown()).optional() });

/**
 * Most recent entries first, across all actors: reads the month buckets of Timestamp-Index from
 * the newest back to the retention horizon, so a quiet stretch costs one Query per month.
 */
export async function listRecentAudit(query: Omit<AuditQuery, "from" | "to"> = {}): Promise<Page<AuditLog>> {
  const limit = clampLimit(query.limit);
  const scope = "audit:recent";
  const decoded = decodeCursor(scope, query.cursor);
  const position = decoded ? recentCursorSchema.parse(decoded) : { month: monthOf(new Date().toISOString()) };
  const horizon = monthOf(new Date(Date.now() - env().AUDIT_RETENTION_DAYS * 86_400_000).toISOString());

  const items: AuditLog[] = [];
  let month = position.month;
  let startKey = position.key;
  while (items.length < limit && month >= horizon) {
    const page = await queryPartition("Timestamp-Index", "month", month, { exclusiveStartKey: startKey }, limit - items.length);
    items.push(...page.items);
    if (page.lastKey) {
      startKey = page.lastKey;
      if (items.length >= limit) return { items, nextCursor: encodeCursor(scope, { month, key: startKey }) };
    } else {
      startKey = undefined;
      month = previousMonth(month);
    }
  }
  const more = month >= horizon;
  return { items, nextCursor: more ? encodeCursor(scope, { month, key: startKey }) : null };
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = monthOf(to); month >= monthOf(from); month = previousMonth(month)) months.push(month);
  return months;
}

export interface VerificationReport {
  checked: number;
  /** Entries whose stored content no longer matches their HMAC. */
  mismatched: Array<{ id: string; action: string; timestamp: string }>;
}

/**
 * Re-computes the HMAC of every entry with a timestamp in [from, to] (month buckets of
 * Timestamp-Index, all attributes) and reports those that no longer match. Edits show up;
 * deleted entries cannot, since nothing is left to check.
 */
export async function verifyAuditRange(from: string, to: string): Promise<VerificationReport> {
  const report: VerificationReport = { checked: 0, mismatched: [] };
  for (const month of monthsBetween(from, to)) {
    let key: Record<string, unknown> | undefined;
    do {
      const out = await db().send(
        new QueryCommand({
          TableName: table("auditLogs"),
          IndexName: "Timestamp-Index",
          KeyConditionExpression: "#month = :m AND #timestamp BETWEEN :from AND :to",
          ExpressionAttributeNames: { "#month": "month", "#timestamp": "timestamp" },
          ExpressionAttributeValues: { ":m": month, ":from": from, ":to": to },
          ExclusiveStartKey: key,
        }),
      );
      for (const item of out.Items ?? []) {
        report.checked++;
        if (!entryIntact(item)) report.mismatched.push({ id: String(item.id), action: String(item.action), timestamp: String(item.timestamp) });
      }
      key = out.LastEvaluatedKey;
    } while (key);
  }
  return report;
}
