// The audit page's chart from the entries its filters loaded (the same data as the list below,
// so the chart follows every filter at no extra DynamoDB call): per UTC day and action group,
// over the filter's date range, or else the days the loaded entries span.
import type { AuditGroup } from "@/lib/audit/catalogue";
import type { DailyActivity } from "@/lib/db/audit-stats";

const GROUPS: AuditGroup[] = ["users", "profiles", "files", "templates", "sign-ins"];
const DAY = 86_400_000;
/** At least two weeks, so a quiet filter still reads as a period. */
const MIN_DAYS = 14;
/** At most about three months of bars. */
export const MAX_DAYS = 92;

const dayOf = (iso: string) => iso.slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00.000Z`) - Date.parse(`${a}T00:00:00.000Z`)) / DAY);

export interface EntriesActivity {
  days: DailyActivity[];
  /** Entries counted (those inside the charted days). */
  counted: number;
}

export function entriesActivity(entries: ReadonlyArray<{ timestamp: string; group: AuditGroup | null }>, range: { from?: string; to?: string; today: string }): EntriesActivity {
  const end = range.to ? dayOf(range.to) : dayOf(range.today);
  const oldest = entries.reduce<string | null>((min, e) => (min === null || dayOf(e.timestamp) < min ? dayOf(e.timestamp) : min), null);
  let start = range.from ? dayOf(range.from) : (oldest ?? end);
  if (!range.from && daysBetween(start, end) < MIN_DAYS - 1) start = addDays(end, -(MIN_DAYS - 1));
  if (start > end) start = end;
  if (daysBetween(start, end) > MAX_DAYS - 1) start = addDays(end, -(MAX_DAYS - 1));
  const length = daysBetween(start, end) + 1;
  const days: DailyActivity[] = Array.from({ length }, (_, i) => ({ day: addDays(start, i), ...(Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<AuditGroup, number>) }));
  const byDay = new Map(days.map((d) => [d.day, d]));
  let counted = 0;
  for (const entry of entries) {
    const day = byDay.get(dayOf(entry.timestamp));
    if (!day || !entry.group) continue;
    day[entry.group]++;
    counted++;
  }
  return { days, counted };
}
