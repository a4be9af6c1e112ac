// A user's recent audit entries shaped for their detail page (components/users/recent-activity.tsx):
// each entry's sentence with the field changes it made, and who made the current version.
import type { TimelineEntryView } from "@/lib/types/timeline";

export interface ActivityChange {
  field: string;
  from: string;
  to: string;
}

export interface ActivityItem {
  id: string;
  sentence: string;
  timestamp: string;
  changes: ActivityChange[];
}

/** Actions that make a new version of the user: who made the version a conflict is about. */
const USER_CHANGE_ACTIONS: ReadonlySet<string> = new Set(["user.updated", "user.role_changed", "user.deactivated", "user.reactivated"]);

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function changesOf(entry: Pick<TimelineEntryView, "action" | "details">): ActivityChange[] {
  if (entry.action !== "user.updated") return [];
  const changes = entry.details.changes;
  if (typeof changes !== "object" || changes === null) return [];
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown } | null>).map(([field, change]) => ({
    field,
    from: valueText(change?.from),
    to: valueText(change?.to),
  }));
}

export function toActivityItems(entries: TimelineEntryView[]): ActivityItem[] {
  return entries.map((entry) => ({ id: entry.id, sentence: entry.sentence, timestamp: entry.timestamp, changes: changesOf(entry) }));
}

/**
 * Who made the user's current version, if it is among the entries: a change and its audit entry
 * share one timestamp, which is also the user's `updatedAt`.
 */
export function madeVersion(entries: TimelineEntryView[], user: { id: string; updatedAt: string }): { at: string; by: string } | null {
  const entry = entries.find((e) => e.target?.id === user.id && USER_CHANGE_ACTIONS.has(e.action) && e.timestamp === user.updatedAt);
  return entry?.actor.name ? { at: entry.timestamp, by: entry.actor.name } : null;
}
