import "server-only";
import { AUDIT_CATALOGUE, AUDIT_GROUPS, type AuditAction, type AuditGroup } from "@/lib/audit/catalogue";
import { env } from "@/lib/env";
import type { Role } from "@/lib/validation/users";
import { batchGetAll } from "./batch-get";
import { table } from "./client";
import type { TransactWrite } from "./transact";

// Daily counts of audit entries per action group. Each transaction that writes entries adds to
// one of a few shard items of the day (chosen at random), so concurrent writers rarely touch
// the same item; a read sums the shards. Each group also has a count per actor role
// (`admin:profiles`, …), so a viewer who may not see some roles' entries (a manager does not see
// what admins did: auditVisibility) gets a chart of what they may see, from the same items.

// Three shards keep a 30-day chart to 90 keys, one BatchGetItem (at most 100 keys), so the home
// page stays within its 4 DynamoDB calls; a transaction still writes one shard item a day.
export const COUNTER_SHARDS = 3;

const counterKey = (day: string, shard: number) => `audit-day#${day}#${shard}`;

/** What the counters need of an audit entry. */
export interface CountedEntry {
  action: AuditAction;
  timestamp: string;
  /** The actor's role when the entry was written (none for system and signed-out events). */
  actorRole?: Role;
}

const roleCounter = (role: Role, group: AuditGroup) => `${role}:${group}`;

/**
 * The counter updates for the audit entries of one transaction: one per day, on a shard chosen
 * at random (each call chooses again). The companion builder of auditPut (lib/db/audit.ts).
 */
export function auditCounterUpdates(entries: CountedEntry[]): TransactWrite[] {
  const perDay = new Map<string, Map<string, number>>();
  for (const { action, timestamp, actorRole } of entries) {
    const day = timestamp.slice(0, 10);
    const groups = perDay.get(day) ?? new Map<string, number>();
    const group = AUDIT_CATALOGUE[action].group;
    for (const counter of actorRole ? [group, roleCounter(actorRole, group)] : [group]) groups.set(counter, (groups.get(counter) ?? 0) + 1);
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

/**
 * Entries per day and group for the `days` days up to today (UTC), oldest first, leaving out
 * entries by actors of `hiddenActorRoles` (auditVisibility's, for a manager: admins). Entries
 * counted before the per-role counts existed cannot be told apart and stay in.
 */
export async function dailyActivity(days = 30, now = new Date(), options: { hiddenActorRoles?: readonly Role[] } = {}): Promise<DailyActivity[]> {
  const hidden = options.hiddenActorRoles ?? [];
  const dayList = Array.from({ length: days }, (_, i) => new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  const totals = new Map(dayList.map((day) => [day, Object.fromEntries(AUDIT_GROUPS.map((g) => [g, 0])) as Record<AuditGroup, number>]));
  const keys = dayList.flatMap((day) => Array.from({ length: COUNTER_SHARDS }, (_, s) => ({ key: counterKey(day, s) })));
  const name = table("counters");
  const found = await batchGetAll({ [name]: { Keys: keys } });
  for (const item of found.get(name) ?? []) {
    const day = String(item.key).split("#")[1] ?? "";
    const sums = totals.get(day);
    if (!sums) continue;
    for (const group of AUDIT_GROUPS) {
      const unseen = hidden.reduce((n, role) => n + Number(item[roleCounter(role, group)] ?? 0), 0);
      sums[group] += Math.max(0, Number(item[group] ?? 0) - unseen);
    }
  }
  return dayList.map((day) => ({ day, ...totals.get(day)! }));
}
