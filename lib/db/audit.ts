import "server-only";
import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AUDIT_CATALOGUE, type AuditAction, type AuditDetails } from "@/lib/audit/catalogue";
import { entryHmac, entryIntact } from "@/lib/audit/integrity";
import { env } from "@/lib/env";
import { ROLES, type Role } from "@/lib/validation/users";
import { auditCounterUpdates, type CountedEntry } from "./audit-stats";
import { db, table } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { type Page } from "@/lib/types/page";
import { queryPages } from "./query-pages";
import { INDEX, type IndexName, indexKey } from "./tables";
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
  /**
   * A fixed id for an entry that may be written more than once for one event (a stream record
   * delivered again): the entry's conditional put then refuses the copy. Random otherwise.
   */
  id?: string;
}

/** The actor id of entries the system writes on its own (TTL expiry, refusals, the seed): no person acted. */
export const SYSTEM_ACTOR = "system";

export const auditLogSchema = z.object({
  id: z.string(),
  userId: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
  ipAddress: z.string().optional(),
  userAgent: z.string().optional(),
  targetUserId: z.string().optional(),
  /** The entry's signature (lib/audit/integrity.ts), shown among its technical details. */
  hmac: z.string().optional(),
});
export type AuditLog = z.infer<typeof auditLogSchema>;

const PROJECTION = "id, userId, #action, details, #timestamp, ipAddress, userAgent, targetUserId, hmac";
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
    id: entry.id ?? randomUUID(),
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
  const item = buildAuditItem(ctx, entry, now);
  const counted: CountedEntry = { action: item.action, timestamp: item.timestamp, ...(isRole(item.actorRole) ? { actorRole: item.actorRole } : {}) };
  return {
    Put: { TableName: table("auditLogs"), Item: item, ConditionExpression: "attribute_not_exists(id)" },
    // The daily counters (lib/db/audit-stats.ts) in the same transaction as the entry.
    companions: { build: auditCounterUpdates, payload: counted },
  };
}

const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

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

export type AuditIndex = IndexName<"auditLogs">;

export interface IndexRead {
  index: AuditIndex;
  /** The value of the index's partition key: an actor, a target, an action or a month. */
  partition: string;
  from?: string;
  to?: string;
  /** Extra conditions on the entries (visibility, actions), ANDed with retention; an OR in it
   * must come parenthesised (DynamoDB refuses redundant parentheses, so none are added). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  startKey?: Record<string, unknown>;
  limit: number;
}

// Every read of entries goes through readAuditIndex: the timelines (lib/audit/timeline.ts) and
// the listAudit* conveniences below are built on it, so what tests read is what pages read.

/**
 * Up to `limit` entries of one index partition, newest first, and whether the partition has
 * nothing after the last one returned. Entries past retention are left out even before TTL
 * deletes them. A filter applies after DynamoDB's Limit, so a filtered read reads ahead and
 * ends the page at the last entry kept, whose key (see `keyAfter`) is where the next read starts.
 */
export async function readAuditIndex(read: IndexRead): Promise<{ items: AuditLog[]; exhausted: boolean }> {
  const { partitionKey } = indexKey("auditLogs", read.index);
  const names: Record<string, string> = { ...PROJECTION_NAMES, "#pk": partitionKey, "#exp": "expiresAtEpoch", ...read.filter?.names };
  const values: Record<string, unknown> = { ":pk": read.partition, ":now": Math.floor(Date.now() / 1000), ...read.filter?.values };
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

/** The ExclusiveStartKey that resumes a read of `index` just after `entry`. */
export function keyAfter(index: AuditIndex, entry: AuditLog): Record<string, unknown> {
  const { partitionKey, sortKey } = indexKey("auditLogs", index);
  const item: Record<string, unknown> = { ...entry, month: monthOf(entry.timestamp) };
  return { id: entry.id, [partitionKey]: item[partitionKey], ...(sortKey ? { [sortKey]: item[sortKey] } : {}) };
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return d.toISOString().slice(0, 7);
}

function retentionHorizonMonth(): string {
  return monthOf(new Date(Date.now() - env().AUDIT_RETENTION_DAYS * 86_400_000).toISOString());
}

/** Where a read of the month buckets resumes: a month, and a key within it. */
export type MonthPosition = { month: string; key?: Record<string, unknown> };

/**
 * Everything, newest first: the month buckets of Timestamp-Index from `position` (else the
 * month of `to`, else now) back to the month of `from` or the retention horizon, whichever is
 * later, so a quiet stretch costs one Query per month.
 */
export async function readAuditMonths(
  read: Omit<IndexRead, "index" | "partition" | "startKey">,
  position?: MonthPosition,
): Promise<{ items: AuditLog[]; exhausted: boolean }> {
  const horizon = retentionHorizonMonth();
  const fromMonth = read.from && monthOf(read.from) > horizon ? monthOf(read.from) : horizon;
  let month = position?.month ?? monthOf(read.to ?? new Date().toISOString());
  let key = position?.key;
  const items: AuditLog[] = [];
  while (items.length < read.limit && month >= fromMonth) {
    const page = await readAuditIndex({ ...read, index: INDEX.auditLogs.byMonth, partition: month, startKey: key, limit: read.limit - items.length });
    items.push(...page.items);
    if (!page.exhausted) return { items, exhausted: false };
    month = previousMonth(month);
    key = undefined;
  }
  return { items, exhausted: month < fromMonth };
}

/** Where a month-bucket read resumes just after `entry`. */
export function monthPositionAfter(entry: AuditLog): MonthPosition {
  return { month: monthOf(entry.timestamp), key: keyAfter(INDEX.auditLogs.byMonth, entry) };
}

export { monthOf };

async function listByIndex(index: AuditIndex, value: string, query: AuditQuery): Promise<Page<AuditLog>> {
  const scope = `audit:${index}:${value}:${query.from ?? ""}:${query.to ?? ""}`;
  const read = { index, partition: value, from: query.from, to: query.to, limit: clampLimit(query.limit) };
  const { items, exhausted } = await readAuditIndex({ ...read, startKey: decodeCursor(scope, query.cursor) });
  const last = items.at(-1);
  return { items, nextCursor: exhausted || !last ? null : encodeCursor(scope, keyAfter(index, last)) };
}

/** What one user did (the spec's "user activity"). */
export function listAuditByActor(actorId: string, query: AuditQuery = {}) {
  return listByIndex(INDEX.auditLogs.byActor, actorId, query);
}

/** What was done to one user's data. */
export function listAuditByTarget(targetUserId: string, query: AuditQuery = {}) {
  return listByIndex(INDEX.auditLogs.byTarget, targetUserId, query);
}

/** Events of one action (the spec's "system events"). */
export function listAuditByAction(action: AuditAction, query: AuditQuery = {}) {
  return listByIndex(INDEX.auditLogs.byAction, action, query);
}

const recentCursorSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), key: z.record(z.string(), z.unknown()).optional() });

/** Most recent entries first, across all actors (readAuditMonths, one page at a time). */
export async function listRecentAudit(query: Omit<AuditQuery, "from" | "to"> = {}): Promise<Page<AuditLog>> {
  const scope = "audit:recent";
  const decoded = decodeCursor(scope, query.cursor);
  const { items, exhausted } = await readAuditMonths({ limit: clampLimit(query.limit) }, decoded ? recentCursorSchema.parse(decoded) : undefined);
  const last = items.at(-1);
  return { items, nextCursor: exhausted || !last ? null : encodeCursor(scope, monthPositionAfter(last)) };
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
    const pages = queryPages({
      TableName: table("auditLogs"),
      IndexName: INDEX.auditLogs.byMonth,
      KeyConditionExpression: "#month = :m AND #timestamp BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#month": "month", "#timestamp": "timestamp" },
      ExpressionAttributeValues: { ":m": month, ":from": from, ":to": to },
    });
    for await (const out of pages) {
      for (const item of out.Items ?? []) {
        report.checked++;
        if (!entryIntact(item)) report.mismatched.push({ id: String(item.id), action: String(item.action), timestamp: String(item.timestamp) });
      }
    }
  }
  return report;
}
