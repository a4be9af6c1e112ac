import "server-only";
import { BatchGetCommand, type BatchGetCommandOutput } from "@aws-sdk/lib-dynamodb";
import { AUDIT_CATALOGUE, AUDIT_GROUPS, type AuditGroup, isAuditAction } from "@/lib/audit/catalogue";
import { env } from "@/lib/env";
import { db, table } from "./client";
import type { TransactItem } from "./transact";

// Daily counts of audit entries per action group. Each transaction that writes entries adds to
// one of a few shard items of the day (chosen at random), so concurrent writers rarely touch
// the same item; a read sums the shards.

export const COUNTER_SHARDS = 8;

const counterKey = (day: string, shard: number) => `audit-day#${day}#${shard}`;

interface AuditPutLike {
  action?: unknown;
  timestamp?: unknown;
}

/** The counter updates for the audit entries among a transaction's items (one per day). */
export function auditCounterUpdates(items: TransactItem[], auditTable: string): TransactItem[] {
  const perDay = new Map<string, Map<AuditGroup, number>>();
  for (const item of items) {
    if (item.Put?.TableName !== auditTable) continue;
    const { action, timestamp } = item.Put.Item as AuditPutLike;
    if (typeof action !== "string" || typeof timestamp !== "string" || !isAuditAction(action)) continue;
    const day = timestamp.slice(0, 10);
    const groups = perDay.get(day) ?? new Map<AuditGroup, number>();
    const group = AUDIT_CATALOGUE[action].group;
    groups.set(group, (groups.get(group) ?? 0) + 1);
    perDay.set(day, groups);
  }
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  const keepSeconds = (env().AUDIT_RETENTION_DAYS + 31) * 86_400;
  return [...perDay].map(([day, groups]) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ":exp": Math.floor(Date.parse(day) / 1000) + keepSeconds };
    const adds = [...groups].map(([group, count], i) => {
      names[`#g${i}`] = group;
      values[`:c${i}`] = count;
      return `#g${i} :c${i}`;
    });
    return {
      Update: {
        TableName: table("counters"),
        Key: { key: counterKey(day, shard) },
        UpdateExpression: `ADD ${adds.join(", ")} SET expiresAtEpoch = :exp`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

export type DailyActivity = { day: string } & Record<AuditGroup, number>;

/** Entries per day and group for the `days` days up to today (UTC), oldest first. */
export async function dailyActivity(days = 30, now = new Date()): Promise<DailyActivity[]> {
  const dayList = Array.from({ length: days }, (_, i) => new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  const totals = new Map(dayList.map((day) => [day, Object.fromEntries(AUDIT_GROUPS.map((g) => [g, 0])) as Record<AuditGroup, number>]));
  const keys = dayList.flatMap((day) => Array.from({ length: COUNTER_SHARDS }, (_, s) => ({ key: counterKey(day, s) })));
  for (let i = 0; i < keys.length; i += 100) {
    let batch: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    while (batch?.length) {
      const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: { [table("counters")]: { Keys: batch } } }));
      for (const item of out.Responses?.[table("counters")] ?? []) {
        const day = String(item.key).split("#")[1] ?? "";
        const sums = totals.get(day);
        if (sums) for (const group of AUDIT_GROUPS) sums[group] += Number(item[group] ?? 0);
      }
      batch = out.UnprocessedKeys?.[table("counters")]?.Keys;
    }
  }
  return dayList.map((day) => ({ day, ...totals.get(day)! }));
}
